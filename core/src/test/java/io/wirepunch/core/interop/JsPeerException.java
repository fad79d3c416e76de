package io.wirepunch.core.interop;

/** A js peer command failed (its answer carried "error"), timed out, or the process is gone. */
public final class JsPeerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient JsonMap answer;

    public JsPeerException(String message, Throwable cause) {
        super(message, cause);
        this.answer = null;
    }

    public JsPeerException(String message) {
        this(message, (Throwable) null);
    }

    public JsPeerException(String message, JsonMap answer) {
        super(message);
        this.answer = answer;
    }

    /** The js peer's error answer ({@code id, error, name}), when there was one. */
    public JsonMap answer() {
        return answer;
    }
}
