package io.wirepunch.core.multiformats;

import java.util.Arrays;

/**
 * A content identifier: CIDv1 {@code <version 0x01><codec><multihash>}, as PeerIds are written in
 * their newer text form and content is named on the DHT, or CIDv0, a bare sha2-256 multihash
 * written in base58btc ("Qm…", 46 characters) whose codec is implicitly dag-pb. Codecs are read as
 * single-byte varints (below 0x80), which covers libp2p-key, raw and dag-pb; a longer codec is
 * refused by name.
 */
public final class Cid {
    public static final int VERSION_0 = 0x00;
    public static final int VERSION_1 = 0x01;
    public static final int LIBP2P_KEY = 0x72;
    /** Plain bytes, the codec of content that is not a structured (IPLD) document. */
    public static final int RAW = 0x55;
    /** The codec every CIDv0 implies. */
    public static final int DAG_PB = 0x70;
    /** A CIDv0's text: base58btc of a 34-byte sha2-256 multihash, which always begins "Qm". */
    public static final int V0_TEXT_CHARS = 46;
    public static final String V0_TEXT_PREFIX = "Qm";
    private static final int V0_BYTES = 2 + Multihash.SHA2_256_LENGTH;
    private static final int SINGLE_BYTE_LIMIT = 0x80;

    private final int version;
    private final int codec;
    private final Multihash multihash;

    private Cid(int version, int codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
    }

    /** A CIDv1. */
    public static Cid of(int codec, Multihash multihash) {
        if (codec < 0 || codec >= SINGLE_BYTE_LIMIT) {
            throw new IllegalArgumentException("CID codec 0x" + Integer.toHexString(codec) + " is not supported");
        }
        return new Cid(VERSION_1, codec, multihash);
    }

    /** A CIDv0, which can only carry a sha2-256 multihash. */
    public static Cid v0(Multihash multihash) {
        if (multihash.code() != Multihash.SHA2_256) {
            throw new IllegalArgumentException("a CIDv0 must carry a sha2-256 multihash, not code 0x"
                    + Integer.toHexString(multihash.code()));
        }
        return new Cid(VERSION_0, DAG_PB, multihash);
    }

    /** The binary form: a CIDv0 is 34 bytes starting 0x12 0x20 (cid spec, "Decoding Algorithm"), anything else a CIDv1. */
    public static Cid fromBytes(byte[] bytes) {
        if (bytes.length == V0_BYTES && bytes[0] == Multihash.SHA2_256 && bytes[1] == Multihash.SHA2_256_LENGTH) {
            return v0(Multihash.decode(bytes));
        }
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
        return new Cid(VERSION_1, codec, Multihash.decode(Arrays.copyOfRange(bytes, 2, bytes.length)));
    }

    /** Parses a CIDv0 ("Qm…", 46 characters) or multibase CIDv1 text (prefix 'b', 'k' or 'z'). */
    public static Cid parse(String text) {
        if (text.length() == V0_TEXT_CHARS && text.startsWith(V0_TEXT_PREFIX)) {
            return v0(Multihash.decode(Base58.decode(text)));
        }
        Cid cid = fromBytes(Multibase.decode(text));
        if (cid.version == VERSION_0) {
            throw new IllegalArgumentException("a CIDv0 is written in base58btc without a multibase prefix");
        }
        return cid;
    }

    public int version() {
        return version;
    }

    public int codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    /** The same content as a CIDv1 (a CIDv0's codec, dag-pb, made explicit). */
    public Cid toV1() {
        return version == VERSION_1 ? this : new Cid(VERSION_1, codec, multihash);
    }

    public byte[] toBytes() {
        byte[] hash = multihash.toBytes();
        if (version == VERSION_0) {
            return hash;
        }
        byte[] out = new byte[2 + hash.length];
        out[0] = VERSION_1;
        out[1] = (byte) codec;
        System.arraycopy(hash, 0, out, 2, hash.length);
        return out;
    }

    /** Multibase text; a CIDv0 has only its base58btc form, so it is refused here. */
    public String toString(Multibase base) {
        if (version == VERSION_0) {
            throw new IllegalStateException("a CIDv0 is written only in base58btc without a prefix; use toV1()");
        }
        return base.encode(toBytes());
    }

    /** Base32 for a CIDv1, the form libp2p prints; base58btc without a prefix for a CIDv0. */
    @Override
    public String toString() {
        return version == VERSION_0 ? Base58.encode(toBytes()) : toString(Multibase.BASE32);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && version == c.version && codec == c.codec && multihash.equals(c.multihash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + codec) + multihash.hashCode();
    }
}
