package io.wirepunch.core.protocol.kad.workbits;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.pb.KeyProtos;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * One search thread's source of candidate keys: a random seed, its Ed25519 public key and that
 * key's work. It skips the JDK's key objects and reuses its buffers, because a search derives
 * millions of keys and keeps one; the kept seed is turned into a real key by {@link #keyOfSeed()}.
 * Not thread-safe: each thread owns one.
 */
final class Ed25519Candidates {
    /**
     * The libp2p marshalling of an Ed25519 public key before its 32 raw bytes: field 1 (type)
     * = 1 (Ed25519), field 2 (data) of length 32. A test checks it against {@code PublicKey#marshal}.
     */
    static final byte[] MARSHALLED_PREFIX = {0x08, 0x01, 0x12, 0x20};

    private final byte[] namespace;
    private final SecureRandom random = newRandom();
    private final Blake2bDigest digest = new Blake2bDigest(WorkBits.HASH_BITS);
    private final byte[] seed = new byte[Ed25519Keys.SEED_BYTES];
    private final byte[] publicKey = new byte[Ed25519Keys.PUBLIC_KEY_BYTES];
    private final byte[] hash = new byte[WorkBits.HASH_BITS / Byte.SIZE];

    Ed25519Candidates(byte[] namespace) {
        this.namespace = namespace.clone();
    }

    /** Draws a new seed and returns the work of its public key. */
    int next() {
        random.nextBytes(seed);
        // The derivation Ed25519Keys uses for every key it loads (SHA-512 of the seed, clamped).
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        digest.update(MARSHALLED_PREFIX, 0, MARSHALLED_PREFIX.length);
        digest.update(publicKey, 0, publicKey.length);
        digest.update(namespace, 0, namespace.length);
        digest.doFinal(hash, 0);
        return WorkBits.leadingZeroBits(hash);
    }

    /** The private key of the last seed drawn, built the way key files are read. */
    PrivateKey keyOfSeed() {
        byte[] marshalled = KeyProtos.PrivateKey.newBuilder()
                .setType(KeyProtos.KeyType.Ed25519)
                .setData(ByteString.copyFrom(seed))
                .build()
                .toByteArray();
        try {
            return Keys.unmarshalPrivate(marshalled);
        } finally {
            Arrays.fill(marshalled, (byte) 0);
        }
    }

    /** Overwrites the last seed, so that a rejected or abandoned candidate does not linger. */
    void forget() {
        Arrays.fill(seed, (byte) 0);
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
