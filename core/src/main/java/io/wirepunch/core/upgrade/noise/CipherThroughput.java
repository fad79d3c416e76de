package io.wirepunch.core.upgrade.noise;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * The cipher alone, as a Noise transport uses it: full-size frames sealed one after another with a
 * fresh nonce each. This is the ceiling for one encrypted stream, which the transport benchmark
 * compares its streams against. It goes through {@link CipherState}, so it measures whichever
 * implementation the transport uses on this JVM.
 */
public final class CipherThroughput {
    private CipherThroughput() {}

    /** Which ChaCha20-Poly1305 is measured, the one every CipherState uses: {@code jca} or {@code java}. */
    public static String implementation() {
        return ChaChaPolyImplementation.preferred().displayName();
    }

    /** Seals full frames for about {@code duration}; returns plaintext MB/s (10^6 bytes). */
    public static double encryptMBps(Duration duration) throws NoiseException {
        byte[] key = new byte[CipherState.KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        CipherState cipher = new CipherState(key);
        byte[] plain = new byte[NoiseCipherHandler.MAX_PLAINTEXT];
        byte[] sealed = new byte[NoiseFrameDecoder.MAX_MESSAGE_LENGTH];
        byte[] noAd = new byte[0];
        // Warm up so the JIT has compiled the cipher before the clock starts.
        for (int i = 0; i < 200; i++) {
            cipher.encrypt(noAd, plain, 0, plain.length, sealed, 0);
        }
        long bytes = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long now;
        do {
            cipher.encrypt(noAd, plain, 0, plain.length, sealed, 0);
            bytes += plain.length;
            now = System.nanoTime();
        } while (now < deadline);
        return bytes / ((now - start) / 1e9) / 1e6;
    }
}
