package io.wirepunch.core.membership;

/** A join that did not happen; the message is one sentence for the person who pasted the invitation. */
public final class JoinException extends Exception {
    public JoinException(String sentence) {
        super(sentence);
    }
}
