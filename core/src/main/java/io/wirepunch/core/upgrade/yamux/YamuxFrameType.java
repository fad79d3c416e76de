package io.wirepunch.core.upgrade.yamux;

/** The four frame types of Yamux version 0; any other type byte is a protocol error. */
public enum YamuxFrameType {
    DATA(0),
    WINDOW_UPDATE(1),
    PING(2),
    GO_AWAY(3);

    private final int code;

    YamuxFrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Returns the type for a wire code, or {@code null} when the code is not a known type. */
    public static YamuxFrameType fromCode(int code) {
        return switch (code) {
            case 0 -> DATA;
            case 1 -> WINDOW_UPDATE;
            case 2 -> PING;
            case 3 -> GO_AWAY;
            default -> null;
        };
    }
}
