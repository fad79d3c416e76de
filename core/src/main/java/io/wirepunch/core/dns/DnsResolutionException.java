package io.wirepunch.core.dns;

/** A multiaddr whose names did not resolve to any address; the message names the name. */
public final class DnsResolutionException extends RuntimeException {
    public DnsResolutionException(String message) {
        super(message);
    }

    public DnsResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
