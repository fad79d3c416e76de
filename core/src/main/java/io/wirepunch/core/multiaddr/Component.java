package io.wirepunch.core.multiaddr;

import io.wirepunch.core.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** One protocol of a multiaddr with its value (empty for protocols that carry none). Immutable. */
public final class Component {
    private final Protocol protocol;
    private final byte[] value;
    // Null until first asked for when every value of the protocol's size is valid (ip4, tcp, …): a DHT
    // answer brings many addresses that are stored and passed on but never printed. Threads that race
    // to fill it compute the same text.
    private String valueText;

    private Component(Protocol protocol, byte[] value, String valueText) {
        this.protocol = protocol;
        this.value = value;
        this.valueText = valueText;
    }

    /** A component from its text value, e.g. {@code of(TCP, "4001")}; no value for p2p-circuit and quic-v1. */
    public static Component of(Protocol protocol, String valueText) {
        if (!protocol.hasValue()) {
            if (valueText != null && !valueText.isEmpty()) {
                throw new MultiaddrException(protocol + " takes no value, got '" + valueText + "'");
            }
            return new Component(protocol, new byte[0], "");
        }
        if (valueText == null) {
            throw new MultiaddrException("missing value for /" + protocol.protocolName());
        }
        byte[] value = ValueCodec.fromText(protocol, valueText);
        return new Component(protocol, value, ValueCodec.toText(protocol, value));
    }

    public static Component of(Protocol protocol) {
        return of(protocol, null);
    }

    /** A component from its binary value (without the length prefix); validated as the parser does. */
    public static Component ofBytes(Protocol protocol, byte[] value) {
        if (!protocol.isLengthPrefixed() && value.length != protocol.fixedSize()) {
            throw new MultiaddrException(protocol + " value must be " + protocol.fixedSize() + " bytes, got " + value.length);
        }
        if (value.length > protocol.maxValueBytes()) {
            throw new MultiaddrException(protocol + " value of " + value.length + " bytes exceeds " + protocol.maxValueBytes());
        }
        byte[] copy = value.clone();
        return new Component(protocol, copy, ValueCodec.anyValueOfItsSizeIsValid(protocol) ? null
                : ValueCodec.toText(protocol, copy));
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The binary value, without the length prefix. */
    public byte[] value() {
        return value.clone();
    }

    /** The value as it appears in the text form ("" when the protocol has none). */
    public String valueText() {
        String text = valueText;
        if (text == null) {
            text = ValueCodec.toText(protocol, value);
            valueText = text;
        }
        return text;
    }

    void writeTo(ByteArrayOutputStream out) {
        out.writeBytes(Varint.encode(protocol.code()));
        if (protocol.isLengthPrefixed()) {
            out.writeBytes(Varint.encode(value.length));
        }
        out.writeBytes(value);
    }

    @Override
    public String toString() {
        return protocol.hasValue() ? "/" + protocol.protocolName() + "/" + valueText() : "/" + protocol.protocolName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Component c && protocol == c.protocol && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return 31 * protocol.hashCode() + Arrays.hashCode(value);
    }
}
