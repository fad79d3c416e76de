package io.wirepunch.core.nat;

/**
 * How the NAT in front of us maps one local endpoint (RFC 4787), as seen from what peers report:
 * does the same local ip:port appear under the same external ip:port whoever we talk to?
 */
public enum MappingBehaviour {
    /** Every observer saw the same external ip:port: a hole punched towards one peer opens for all. */
    ENDPOINT_INDEPENDENT,
    /** Observers saw different external ports or IPs ("symmetric"): punching needs port prediction or a relay. */
    ENDPOINT_DEPENDENT,
    /** Too few observers of any single local endpoint to tell. */
    UNKNOWN
}
