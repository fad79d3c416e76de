package io.wirepunch.core.facts;

import io.wirepunch.core.facts.pb.FactsProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.nat.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a fact says about its subject, and the form of its value. Declared in the order facts are
 * applied (and sent): TRUST and MEMBER first, since they decide whether the facts after them count.
 */
public enum Attribute {
    /** The issuer grants the subject a trust level (value: one byte, 1 to 3). */
    TRUST(FactsProtos.Attribute.TRUST),
    /** The subject is a member of a network (value: its name, UTF-8, 1 to 64 bytes). */
    MEMBER(FactsProtos.Attribute.MEMBER),
    /** The subject routes this range, its overlay address (value: address bytes, then prefix length). */
    ALLOWED_IP(FactsProtos.Attribute.ALLOWED_IP),
    /** The subject is reachable at this multiaddr (not a circuit, no /p2p). */
    ENDPOINT(FactsProtos.Attribute.ENDPOINT),
    /** The subject is reachable through this relay circuit multiaddr (no final /p2p). */
    RELAY_ADDR(FactsProtos.Attribute.RELAY_ADDR),
    /** The subject is running; value: its boot id, {@link FactsProtocol#BOOT_ID_BYTES} random bytes. */
    ALIVE(FactsProtos.Attribute.ALIVE);

    private final FactsProtos.Attribute wire;

    Attribute(FactsProtos.Attribute wire) {
        this.wire = wire;
    }

    FactsProtos.Attribute wire() {
        return wire;
    }

    static Attribute fromWire(FactsProtos.Attribute wire) {
        for (Attribute a : values()) {
            if (a.wire == wire) {
                return a;
            }
        }
        throw new IllegalArgumentException("fact without a known attribute");
    }

    /** Throws {@link IllegalArgumentException} saying why {@code value} is not a value of this attribute. */
    void check(byte[] value) {
        if (value.length > FactsProtocol.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(this + " value of " + value.length + " bytes exceeds "
                    + FactsProtocol.MAX_VALUE_BYTES);
        }
        switch (this) {
            case TRUST -> {
                if (value.length != 1 || TrustLevel.grantable(value[0]) == null) {
                    throw new IllegalArgumentException("TRUST value must be one byte from 1 (endpoint) to "
                            + TrustLevel.MAX_GRANTABLE.ordinal() + " (membership)");
                }
            }
            case MEMBER -> network(value);
            case ALLOWED_IP -> cidr(value);
            case ENDPOINT -> {
                Multiaddr a = multiaddr(value);
                if (a.isCircuit()) {
                    throw new IllegalArgumentException("ENDPOINT " + a + " is a circuit address; that is a RELAY_ADDR");
                }
            }
            case RELAY_ADDR -> {
                Multiaddr a = multiaddr(value);
                if (!a.isCircuit()) {
                    throw new IllegalArgumentException("RELAY_ADDR " + a + " is not a circuit address");
                }
            }
            case ALIVE -> {
                if (value.length != FactsProtocol.BOOT_ID_BYTES) {
                    throw new IllegalArgumentException("ALIVE value must be a boot id of "
                            + FactsProtocol.BOOT_ID_BYTES + " bytes, not " + value.length);
                }
            }
        }
    }

    static Multiaddr multiaddr(byte[] value) {
        Multiaddr a;
        try {
            a = Multiaddr.fromBytes(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("address value does not parse: " + e.getMessage());
        }
        if (a.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        var last = a.components().get(a.components().size() - 1);
        if (last.protocol() == Protocol.P2P) {
            throw new IllegalArgumentException("address " + a + " ends in /p2p; the subject names the peer");
        }
        return a;
    }

    static String network(byte[] value) {
        if (value.length == 0 || value.length > FactsProtocol.MAX_NETWORK_NAME_BYTES) {
            throw new IllegalArgumentException("network name must have 1 to " + FactsProtocol.MAX_NETWORK_NAME_BYTES
                    + " bytes, not " + value.length);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("network name is not UTF-8");
        }
    }

    static Cidr cidr(byte[] value) {
        if (value.length != 5 && value.length != 17) {
            throw new IllegalArgumentException("ALLOWED_IP value must be 4 or 16 address bytes and a prefix length, not "
                    + value.length + " bytes");
        }
        byte[] address = Arrays.copyOf(value, value.length - 1);
        int prefix = value[value.length - 1] & 0xFF;
        if (prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " is longer than the "
                    + address.length * 8 + " bits of the address");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + e.getMessage());
        }
        if (ip.getAddress().length != address.length) {
            throw new IllegalArgumentException("an IPv4-mapped IPv6 range; send it as IPv4");
        }
        Cidr cidr = Cidr.around(ip, prefix);
        if (!Arrays.equals(cidr.network().getAddress(), address)) {
            throw new IllegalArgumentException("range " + cidr + " has bits set past its /" + prefix + " prefix");
        }
        return cidr;
    }

    static byte[] cidrBytes(Cidr cidr) {
        byte[] address = cidr.network().getAddress();
        byte[] out = Arrays.copyOf(address, address.length + 1);
        out[address.length] = (byte) cidr.prefixLength();
        return out;
    }
}
