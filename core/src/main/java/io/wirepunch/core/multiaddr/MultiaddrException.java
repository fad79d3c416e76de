package io.wirepunch.core.multiaddr;

/** A multiaddr that cannot be parsed or built; the message names the bad component. */
public class MultiaddrException extends IllegalArgumentException {
    public MultiaddrException(String message) {
        super(message);
    }
}
