package io.wirepunch.core.protocol.autonat;

import java.util.Optional;

/** The status of a DIAL_RESPONSE, with its number on the wire. */
public enum ResponseStatus {
    /** The server reached us on one of the addresses. */
    OK(0),
    /** The server tried and failed every address. */
    E_DIAL_ERROR(100),
    /** The server did not try: no acceptable address, rate limited, or the requester looks wrong to it. */
    E_DIAL_REFUSED(101),
    /** The request could not be used (wrong type, missing or foreign peer id). */
    E_BAD_REQUEST(200),
    E_INTERNAL_ERROR(300);

    private final int wire;

    ResponseStatus(int wire) {
        this.wire = wire;
    }

    public int wireNumber() {
        return wire;
    }

    public static Optional<ResponseStatus> fromWire(int number) {
        for (ResponseStatus s : values()) {
            if (s.wire == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
