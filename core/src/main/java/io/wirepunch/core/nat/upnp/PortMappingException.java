package io.wirepunch.core.nat.upnp;

/** Why no port mapping could be made or kept, in one sentence fit for a report. */
public final class PortMappingException extends Exception {
    public PortMappingException(String message) {
        super(message);
    }

    public PortMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
