package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.protocol.kad.routing.KadId;
import java.util.random.RandomGenerator;

/**
 * Lookup keys for bucket refreshes. A lookup sends a key whose SHA-256 is the point looked up, so a
 * point inside bucket i needs a key found by trying: about 2<sup>i+1</sup> hashes. Up to
 * {@link #MAX_SEARCHED_BUCKET} that is cheap; deeper buckets hold the peers nearest to us, which a
 * lookup of our own id finds anyway.
 */
final class RefreshKeys {
    /** Bucket 15 costs about 65,000 SHA-256 hashes, a few milliseconds; each deeper one doubles it. */
    static final int MAX_SEARCHED_BUCKET = 15;
    /** A peer-id-shaped key (sha2-256 multihash), as FIND_NODE keys are in the spec. */
    private static final int KEY_BYTES = 34;

    private RefreshKeys() {}

    /** A key whose id falls in bucket {@code index} around {@code local}, or {@code self} for deep buckets. */
    static byte[] keyInBucket(KadId local, int index, byte[] self, RandomGenerator random) {
        if (index > MAX_SEARCHED_BUCKET) {
            return self.clone();
        }
        byte[] key = new byte[KEY_BYTES];
        key[0] = 0x12;
        key[1] = 32;
        byte[] digest = new byte[KEY_BYTES - 2];
        while (true) {
            random.nextBytes(digest);
            System.arraycopy(digest, 0, key, 2, digest.length);
            if (local.commonPrefixLength(KadId.ofKey(key)) == index) {
                return key;
            }
        }
    }
}
