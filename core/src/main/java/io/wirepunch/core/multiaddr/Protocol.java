package io.wirepunch.core.multiaddr;

/**
 * The multiaddr protocols Wirepunch reads and writes, with the codes of the multicodec table and
 * the value sizes of multiaddr's protocols.csv.
 */
public enum Protocol {
    IP4(0x04, "ip4", 4),
    TCP(0x06, "tcp", 2),
    UDP(0x0111, "udp", 2),
    IP6(0x29, "ip6", 16),
    IP6ZONE(0x2a, "ip6zone", Protocol.VARIABLE),
    DNS(0x35, "dns", Protocol.VARIABLE),
    DNS4(0x36, "dns4", Protocol.VARIABLE),
    DNS6(0x37, "dns6", Protocol.VARIABLE),
    DNSADDR(0x38, "dnsaddr", Protocol.VARIABLE),
    P2P_CIRCUIT(0x0122, "p2p-circuit", 0),
    P2P(0x01a5, "p2p", Protocol.VARIABLE),
    QUIC_V1(0x01cd, "quic-v1", 0);

    /** Marks a length-prefixed value. */
    static final int VARIABLE = -1;

    /** A DNS name is at most 255 bytes on the wire; zone names are far shorter in practice. */
    public static final int MAX_NAME_BYTES = 255;
    /** A PeerId multihash: 2 + 42 bytes for an inlined key, 2 + 32 for sha2-256. */
    public static final int MAX_PEER_ID_BYTES = 64;

    // values() copies its array on every call; a binary multiaddr looks a code up per component.
    private static final Protocol[] ALL = values();

    private final int code;
    private final String protocolName;
    private final int fixedSize;

    Protocol(int code, String protocolName, int fixedSize) {
        this.code = code;
        this.protocolName = protocolName;
        this.fixedSize = fixedSize;
    }

    public int code() {
        return code;
    }

    /** The name in the text form, e.g. "quic-v1". */
    public String protocolName() {
        return protocolName;
    }

    public boolean hasValue() {
        return fixedSize != 0;
    }

    boolean isLengthPrefixed() {
        return fixedSize == VARIABLE;
    }

    /** Value size in bytes for fixed-size protocols. */
    int fixedSize() {
        return fixedSize;
    }

    int maxValueBytes() {
        return this == P2P ? MAX_PEER_ID_BYTES : isLengthPrefixed() ? MAX_NAME_BYTES : fixedSize;
    }

    /** The protocol of a text name; "ipfs" is the old name of p2p. Null when unknown. */
    static Protocol byName(String name) {
        if (name.equals("ipfs")) {
            return P2P;
        }
        for (Protocol p : values()) {
            if (p.protocolName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Null when unknown. */
    static Protocol byCode(int code) {
        for (Protocol p : ALL) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return protocolName;
    }
}
