package io.wirepunch.core.protocol.kad.workbits;

import com.google.protobuf.ByteString;
import io.wirepunch.core.crypto.blake2b.Blake2b;
import io.wirepunch.core.crypto.ed25519.Ed25519PublicKeys;
import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.pb.KeyProtos;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One search thread's source of candidate keys: a random seed, its Ed25519 public key and that
 * key's work. It skips the JDK's key objects and reuses its buffers, because a search derives
 * millions of keys and keeps one; the kept seed is turned into a real key by {@link #keyOfSeed()}.
 * Seeds are drawn and derived {@value #BATCH} at a time, so that their keys share one field
 * inversion. Not thread-safe: each thread owns one.
 */
final class Ed25519Candidates {
    /**
     * The libp2p marshalling of an Ed25519 public key before its 32 raw bytes: field 1 (type)
     * = 1 (Ed25519), field 2 (data) of length 32. A test checks it against {@code PublicKey#marshal}.
     */
    static final byte[] MARSHALLED_PREFIX = {0x08, 0x01, 0x12, 0x20};

    /** Seeds drawn and derived together; at most {@link Ed25519PublicKeys#MAX_BATCH}. */
    static final int BATCH = 16;

    private final byte[] namespace;
    private final SecureRandom random = newRandom();
    private final Ed25519PublicKeys derivation = new Ed25519PublicKeys();
    private final Blake2b digest = new Blake2b(WorkBits.HASH_BITS / Byte.SIZE);
    private final byte[] seeds = new byte[BATCH * Ed25519Keys.SEED_BYTES];
    private final byte[] publicKeys = new byte[BATCH * Ed25519Keys.PUBLIC_KEY_BYTES];
    private final byte[] hash = new byte[WorkBits.HASH_BITS / Byte.SIZE];
    /** Index in the batch of the last seed drawn; BATCH - 1 before the first. */
    private int current = BATCH - 1;

    Ed25519Candidates(byte[] namespace) {
        this.namespace = namespace.clone();
    }

    /** Draws a new seed and returns the work of its public key. */
    int next() {
        current++;
        if (current == BATCH) {
            random.nextBytes(seeds);
            // The derivation Ed25519Keys uses for every key it loads (SHA-512 of the seed, clamped).
            derivation.deriveAll(seeds, publicKeys, BATCH);
            current = 0;
        }
        digest.update(MARSHALLED_PREFIX, 0, MARSHALLED_PREFIX.length);
        digest.update(publicKeys, current * Ed25519Keys.PUBLIC_KEY_BYTES, Ed25519Keys.PUBLIC_KEY_BYTES);
        digest.update(namespace, 0, namespace.length);
        digest.doFinal(hash, 0);
        return WorkBits.leadingZeroBits(hash);
    }

    /** The private key of the last seed drawn, built the way key files are read. */
    PrivateKey keyOfSeed() {
        byte[] marshalled = KeyProtos.PrivateKey.newBuilder()
                .setType(KeyProtos.KeyType.Ed25519)
                .setData(ByteString.copyFrom(seeds, current * Ed25519Keys.SEED_BYTES, Ed25519Keys.SEED_BYTES))
                .build()
                .toByteArray();
        try {
            return Keys.unmarshalPrivate(marshalled);
        } finally {
            Arrays.fill(marshalled, (byte) 0);
        }
    }

    /**
     * Overwrites the seeds of the batch, so that rejected or abandoned candidates do not linger;
     * the next {@link #next()} draws a fresh batch.
     */
    void forget() {
        Arrays.fill(seeds, (byte) 0);
        current = BATCH - 1;
    }

    /** A generator of its own per thread: the shared default one would make the threads queue. */
    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
