package io.wirepunch.core.nat.upnp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

/** An Internet gateway device's WAN connection service, one SOAP action at a time. */
interface Gateway {
    /** The device's name and where it was found, for reports. */
    String description();

    /** This machine's address on the gateway's LAN: the internal client of a mapping. */
    InetAddress localAddress();

    /**
     * Calls {@code action} and returns the reply's values by element name; a SOAP fault comes back
     * as {@code errorCode} and {@code errorDescription}. Malformed replies and timeouts are IOExceptions.
     */
    Map<String, String> call(String action, Map<String, String> args) throws IOException;
}
