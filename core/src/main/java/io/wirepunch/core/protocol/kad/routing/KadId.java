package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A point in the Kademlia key space: the SHA-256 of a peer id's bytes or of a record key (kad-dht
 * spec, "Distance"). Held as four big-endian 64-bit words so that XOR, prefix and distance
 * comparisons never allocate; {@link RoutingTable#closest} compares many pairs per call.
 */
public final class KadId {
    public static final int BITS = 256;
    public static final int BYTES = BITS / 8;
    private static final int WORDS = BITS / 64;

    /**
     * One digest per thread: looking SHA-256 up among the providers costs more than hashing a peer id,
     * and lookups and tables compute ids for every peer they hear of.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    });

    private final long[] words;

    private KadId(long[] words) {
        this.words = words;
    }

    /** The id of a peer: SHA-256 of the binary peer id (its multihash), as libp2p nodes compute it. */
    public static KadId of(PeerId peer) {
        return ofKey(peer.toBytes());
    }

    /** The id of any DHT key (provider CID, record key): SHA-256 of the raw key bytes. */
    public static KadId ofKey(byte[] key) {
        return fromBytes(SHA_256.get().digest(key));
    }

    /** An id from its 32 bytes as they are, without hashing (stored ids, test vectors). */
    public static KadId fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a Kademlia id is " + BYTES + " bytes, got " + bytes.length);
        }
        long[] words = new long[WORDS];
        for (int i = 0; i < BYTES; i++) {
            words[i / 8] = (words[i / 8] << 8) | (bytes[i] & 0xFF);
        }
        return new KadId(words);
    }

    public static KadId random(RandomGenerator random) {
        long[] words = new long[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = random.nextLong();
        }
        return new KadId(words);
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            out[i] = (byte) (words[i / 8] >>> (56 - 8 * (i % 8)));
        }
        return out;
    }

    /** The XOR distance to {@code other}, itself a point of the key space. */
    public KadId xor(KadId other) {
        long[] out = new long[WORDS];
        for (int i = 0; i < WORDS; i++) {
            out[i] = words[i] ^ other.words[i];
        }
        return new KadId(out);
    }

    /** How many leading bits the two ids share; {@link #BITS} when they are equal. */
    public int commonPrefixLength(KadId other) {
        for (int i = 0; i < WORDS; i++) {
            long diff = words[i] ^ other.words[i];
            if (diff != 0) {
                return i * 64 + Long.numberOfLeadingZeros(diff);
            }
        }
        return BITS;
    }

    /** Bit {@code index} counted from the most significant bit (0) of the first byte. */
    public boolean bit(int index) {
        return (words[index / 64] >>> (63 - index % 64) & 1) == 1;
    }

    /**
     * Negative when {@code a} is closer to this id (the target) than {@code b}, zero when equally
     * close (only when {@code a} equals {@code b}), positive otherwise.
     */
    public int compareDistance(KadId a, KadId b) {
        for (int i = 0; i < WORDS; i++) {
            long da = a.words[i] ^ words[i];
            long db = b.words[i] ^ words[i];
            if (da != db) {
                return Long.compareUnsigned(da, db);
            }
        }
        return 0;
    }

    /** Orders ids by their distance to this id, closest first. */
    public Comparator<KadId> byDistance() {
        return this::compareDistance;
    }

    /**
     * A random id that shares exactly {@code prefixLength} leading bits with this one: a point of
     * the bucket at that index, which is what a refresh looks up.
     */
    public KadId randomWithCommonPrefix(int prefixLength, RandomGenerator random) {
        if (prefixLength < 0 || prefixLength >= BITS) {
            throw new IllegalArgumentException("common prefix length must be in [0, " + (BITS - 1) + "], got " + prefixLength);
        }
        long[] out = new long[WORDS];
        for (int i = 0; i < WORDS; i++) {
            int keptInWord = Math.min(Math.max(prefixLength + 1 - i * 64, 0), 64);
            long keep = keptInWord == 0 ? 0 : -1L << (64 - keptInWord);
            // Zero where the prefix must match, one at the first differing bit, random after it.
            long flip = random.nextLong() & ~keep;
            if (prefixLength / 64 == i) {
                flip |= 1L << (63 - prefixLength % 64);
            }
            out[i] = words[i] ^ flip;
        }
        return new KadId(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KadId other)) {
            return false;
        }
        for (int i = 0; i < WORDS; i++) {
            if (words[i] != other.words[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(words[0] ^ words[1] ^ words[2] ^ words[3]);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
