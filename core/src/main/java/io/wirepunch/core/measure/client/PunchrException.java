package io.wirepunch.core.measure.client;

import io.grpc.Status;

/** A call to the measurement server failed; {@link #code()} says how (UNAVAILABLE, DEADLINE_EXCEEDED …). */
public final class PunchrException extends RuntimeException {
    private final Status.Code code;

    public PunchrException(String rpc, Status status) {
        super(rpc + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"), status.getCause());
        this.code = status.getCode();
    }

    public Status.Code code() {
        return code;
    }
}
