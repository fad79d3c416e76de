package io.wirepunch.core.network;

/**
 * A network configuration that cannot be used. The message is one sentence that starts with the
 * line it is about ({@code line 7: trust: 'xyz' is not a peer id}) when there is one.
 */
public class NetworkConfigException extends IllegalArgumentException {
    private final int line;

    public NetworkConfigException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    public NetworkConfigException(String message) {
        this(0, message);
    }

    /** The line number (from 1), or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
