package io.wirepunch.core.testbed;

/** How a testbed router translates and filters; the names {@code testbed.sh up} takes. */
public enum NatKind {
    /** Endpoint-independent mapping: one mapped port per local port, kept when free (MASQUERADE). */
    EIM,
    /** Endpoint-dependent mapping: a fresh random mapped port for every new connection. */
    EDM,
    /** {@link #EIM} plus a miniupnpd on the LAN side that opens port forwards (UPnP IGD, NAT-PMP). */
    UPNP;

    String scriptName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
