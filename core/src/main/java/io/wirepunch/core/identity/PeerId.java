package io.wirepunch.core.identity;

import io.wirepunch.core.multiformats.Base58;
import io.wirepunch.core.multiformats.Cid;
import io.wirepunch.core.multiformats.Multibase;
import io.wirepunch.core.multiformats.Multihash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer identity: the multihash of the peer's marshalled public key. Keys of at most
 * {@link #MAX_INLINE_KEY_BYTES} bytes are inlined with the identity multihash, larger ones hashed
 * with sha2-256 (peer-ids spec). Compared and hashed by its bytes.
 */
public final class PeerId implements Comparable<PeerId> {
    public static final int MAX_INLINE_KEY_BYTES = 42;
    static final int IDENTITY_CODE = 0x00;
    static final int SHA2_256_CODE = 0x12;
    private static final int SHA2_256_LENGTH = 32;

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PeerId fromPublicKey(PublicKey key) {
        byte[] marshalled = key.marshal();
        if (marshalled.length <= MAX_INLINE_KEY_BYTES) {
            byte[] out = new byte[2 + marshalled.length];
            out[0] = IDENTITY_CODE;
            out[1] = (byte) marshalled.length;
            System.arraycopy(marshalled, 0, out, 2, marshalled.length);
            return new PeerId(out);
        }
        byte[] out = new byte[2 + SHA2_256_LENGTH];
        out[0] = SHA2_256_CODE;
        out[1] = SHA2_256_LENGTH;
        System.arraycopy(sha256(marshalled), 0, out, 2, SHA2_256_LENGTH);
        return new PeerId(out);
    }

    /** Parses the binary form (a multihash) and checks that it is a valid PeerId multihash. */
    public static PeerId fromBytes(byte[] bytes) {
        if (bytes.length < 2) {
            throw new InvalidKeyException("PeerId too short: " + bytes.length + " bytes");
        }
        int code = bytes[0] & 0xFF;
        int length = bytes[1] & 0xFF;
        if (code == IDENTITY_CODE) {
            if (length > MAX_INLINE_KEY_BYTES || length != bytes.length - 2) {
                throw new InvalidKeyException("identity multihash length " + length + " does not fit a PeerId");
            }
        } else if (code == SHA2_256_CODE) {
            if (length != SHA2_256_LENGTH || bytes.length != 2 + SHA2_256_LENGTH) {
                throw new InvalidKeyException("sha2-256 multihash must carry 32 bytes");
            }
        } else {
            throw new InvalidKeyException("PeerId multihash code 0x" + Integer.toHexString(code) + " is not identity or sha2-256");
        }
        return new PeerId(bytes.clone());
    }

    /** Parses the base58btc text form ("12D3KooW…", "Qm…"). */
    public static PeerId fromBase58(String text) {
        try {
            return fromBytes(Base58.decode(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("not a PeerId: " + e.getMessage(), e);
        }
    }

    /**
     * Parses any text form a PeerId is written in (peer-ids spec, "Decoding"): a bare base58btc
     * multihash ("1…", "Qm…") or a CIDv1 with the libp2p-key codec in base32 ('b'), base36 ('k')
     * or base58btc ('z').
     */
    public static PeerId parse(String text) {
        if (text.startsWith("1") || text.startsWith("Qm")) {
            return fromBase58(text);
        }
        if (Multibase.hasKnownPrefix(text)) {
            return fromCid(text);
        }
        throw new InvalidKeyException("not a PeerId: expected base58 (1…, Qm…) or a CIDv1 (b…, k…, z…)");
    }

    /** Parses the CIDv1 text form; the CID's codec must be libp2p-key (0x72). */
    public static PeerId fromCid(String text) {
        Cid cid;
        try {
            cid = Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("not a PeerId CID: " + e.getMessage(), e);
        }
        if (cid.codec() != Cid.LIBP2P_KEY) {
            throw new InvalidKeyException("CID codec 0x" + Integer.toHexString(cid.codec())
                    + " is not libp2p-key (0x72), so it does not name a peer");
        }
        return fromBytes(cid.multihash().toBytes());
    }

    /** The CIDv1 text form in base32 ("bafz…"), as libp2p prints it. */
    public String toCid() {
        return toCid(Multibase.BASE32);
    }

    public String toCid(Multibase base) {
        return Cid.of(Cid.LIBP2P_KEY, Multihash.decode(bytes)).toString(base);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The public key, when it is inlined in the identity multihash (Ed25519, secp256k1). */
    public Optional<PublicKey> inlinedPublicKey() {
        if ((bytes[0] & 0xFF) != IDENTITY_CODE) {
            return Optional.empty();
        }
        return Optional.of(Keys.unmarshalPublic(Arrays.copyOfRange(bytes, 2, bytes.length)));
    }

    /** True when {@code key} is the key this PeerId was derived from. */
    public boolean matches(PublicKey key) {
        return equals(fromPublicKey(key));
    }

    public String toBase58() {
        return Base58.encode(bytes);
    }

    @Override
    public String toString() {
        return toBase58();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PeerId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
