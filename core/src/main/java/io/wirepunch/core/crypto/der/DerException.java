package io.wirepunch.core.crypto.der;

/** Bytes that are not the strict DER a reader expected. */
public final class DerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DerException(String message) {
        super(message);
    }
}
