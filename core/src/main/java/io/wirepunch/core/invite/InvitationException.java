package io.wirepunch.core.invite;

/**
 * An invitation string that cannot be used. The message is one sentence meant for the person who
 * pasted it; it never repeats the string, which holds a secret.
 */
public final class InvitationException extends RuntimeException {
    /** Why the string was refused. */
    public enum Kind {
        /** Not an invitation at all, too long, or its content does not make sense. */
        MALFORMED,
        /** The checksum does not match: a typo, or only part of the string was pasted. */
        MISTYPED,
        /** A valid string of a format version this release does not read. */
        UNKNOWN_VERSION,
        /** A valid invitation whose time is up. */
        EXPIRED
    }

    private final Kind kind;

    InvitationException(Kind kind, String sentence) {
        super(sentence, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
