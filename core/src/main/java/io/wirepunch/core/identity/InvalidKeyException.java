package io.wirepunch.core.identity;

/** A key, signature envelope or PeerId that cannot be decoded or does not verify. */
public class InvalidKeyException extends RuntimeException {
    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
