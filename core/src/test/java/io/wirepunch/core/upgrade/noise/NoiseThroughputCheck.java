package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Prints, does not assert: ChaCha20-Poly1305 alone (the one CipherState uses and BouncyCastle, one thread, full
 * frames) against one Noise-encrypted stream over loopback TCP in the same JVM. Run with the
 * test classpath, e.g. {@code java -cp ... io.wirepunch.core.upgrade.noise.NoiseThroughputCheck [seconds]}.
 */
public final class NoiseThroughputCheck {
    private static final int FRAME = NoiseCipherHandler.MAX_PLAINTEXT;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf("java %s%n", System.getProperty("java.version"));
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            double cipher = cipherStateMegabytesPerSecond(seconds);
            double bc = bouncyCastleMegabytesPerSecond(seconds);
            double noise = noiseStreamMegabytesPerSecond(seconds);
            System.out.printf("round %d: cipher alone %s %.0f MB/s, BC %.0f MB/s; one Noise stream %.0f MB/s"
                    + " (%.0f%% of the cipher)%n", round, ChaChaPolyImplementation.preferred().displayName(), cipher, bc,
                    noise, 100 * noise / cipher);
        }
    }

    static double cipherStateMegabytesPerSecond(double seconds) throws NoiseException {
        CipherState cipher = new CipherState(new byte[32]);
        byte[] in = new byte[FRAME];
        byte[] out = new byte[FRAME + CipherState.TAG_LENGTH];
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            cipher.encrypt(null, in, 0, FRAME, out, 0);
            bytes += FRAME;
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    static double bouncyCastleMegabytesPerSecond(double seconds) throws Exception {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        KeyParameter key = new KeyParameter(new byte[32]);
        byte[] in = new byte[FRAME];
        byte[] out = new byte[FRAME + CipherState.TAG_LENGTH];
        byte[] nonce = new byte[12];
        long bytes = 0;
        long counter = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            counter++;
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (counter >>> (8 * i));
            }
            aead.init(true, new ParametersWithIV(key, nonce));
            int n = aead.processBytes(in, 0, FRAME, out, 0);
            aead.doFinal(out, n);
            bytes += FRAME;
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    /** Sends for roughly {@code seconds} at the cipher-alone rate and times the whole transfer. */
    static double noiseStreamMegabytesPerSecond(double seconds) throws Exception {
        long total = (long) (seconds * 300e6);
        PrivateKey dialerKey = Keys.generateEd25519();
        PrivateKey listenerKey = Keys.generateEd25519();
        ByteBuf pattern = Unpooled.directBuffer(BulkTransfer.CHUNK).writeZero(BulkTransfer.CHUNK);
        BulkTransfer sender = new BulkTransfer(total, 0, pattern, false);
        BulkTransfer receiver = new BulkTransfer(0, total, pattern, false);
        NoiseHandshakeHandler[] listenerHandshake = new NoiseHandshakeHandler[1];
        try (LoopbackConnection connection = new LoopbackConnection(
                () -> new ChannelHandler[] {new NoiseHandshakeHandler(true, dialerKey, null, List.of()), sender},
                () -> new ChannelHandler[] {listenerHandshake[0] =
                        new NoiseHandshakeHandler(false, listenerKey, null, List.of()), receiver})) {
            listenerHandshake[0].completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long start = System.nanoTime(); // the listener completes last; data starts flowing now
            receiver.received.get(10 * (long) seconds + 60, TimeUnit.SECONDS);
            return total / ((System.nanoTime() - start) / 1e9) / 1e6;
        } finally {
            pattern.release();
        }
    }
}
