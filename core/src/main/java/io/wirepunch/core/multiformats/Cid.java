package io.wirepunch.core.multiformats;

import java.util.Arrays;

/**
 * A CIDv1 {@code <version 0x01><codec><multihash>}, as PeerIds are written in their newer text
 * form. Codecs are read as single-byte varints (below 0x80), which covers libp2p-key; a longer
 * codec is refused by name.
 */
public final class Cid {
    public static final int VERSION_1 = 0x01;
    public static final int LIBP2P_KEY = 0x72;
    private static final int SINGLE_BYTE_LIMIT = 0x80;

    private final int codec;
    private final Multihash multihash;

    private Cid(int codec, Multihash multihash) {
        this.codec = codec;
        this.multihash = multihash;
    }

    public static Cid of(int codec, Multihash multihash) {
        if (codec < 0 || codec >= SINGLE_BYTE_LIMIT) {
            throw new IllegalArgumentException("CID codec 0x" + Integer.toHexString(codec) + " is not supported");
        }
        return new Cid(codec, multihash);
    }

    public static Cid fromBytes(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("CID too short: " + bytes.length + " bytes");
        }
        if (bytes[0] != VERSION_1) {
            throw new IllegalArgumentException("CID version byte 0x" + Integer.toHexString(bytes[0] & 0xFF) + " is not 1");
        }
        int codec = bytes[1] & 0xFF;
        if (codec >= SINGLE_BYTE_LIMIT) {
            throw new IllegalArgumentException("CID codec with a multi-byte varint is not supported");
        }
        return new Cid(codec, Multihash.decode(Arrays.copyOfRange(bytes, 2, bytes.length)));
    }

    /** Parses multibase text (prefix 'b', 'k' or 'z'). */
    public static Cid parse(String text) {
        return fromBytes(Multibase.decode(text));
    }

    public int codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    public byte[] toBytes() {
        byte[] hash = multihash.toBytes();
        byte[] out = new byte[2 + hash.length];
        out[0] = VERSION_1;
        out[1] = (byte) codec;
        System.arraycopy(hash, 0, out, 2, hash.length);
        return out;
    }

    public String toString(Multibase base) {
        return base.encode(toBytes());
    }

    /** Base32, the form libp2p prints. */
    @Override
    public String toString() {
        return toString(Multibase.BASE32);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && codec == c.codec && multihash.equals(c.multihash);
    }

    @Override
    public int hashCode() {
        return 31 * codec + multihash.hashCode();
    }
}
