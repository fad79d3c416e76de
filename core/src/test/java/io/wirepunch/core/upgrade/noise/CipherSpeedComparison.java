package io.wirepunch.core.upgrade.noise;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints, does not assert: seal and open throughput of full Noise frames (65519 plaintext bytes)
 * for the JCA, for {@link ChaCha20Poly1305}, and for it one block at a time as it was before
 * lanes ({@code java-1blk}), interleaved round by round so that load from other processes hits
 * all alike, with the median of the rounds. Run on each JVM with the test classpath:
 * {@code java -cp core/target/classes:core/target/test-classes
 * io.wirepunch.core.upgrade.noise.CipherSpeedComparison [rounds] [secondsPerMeasurement]}.
 */
public final class CipherSpeedComparison {
    private static final int FRAME = NoiseCipherHandler.MAX_PLAINTEXT;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        System.out.printf("java %s, rule picks %s%n", System.getProperty("java.version"),
                ChaChaPolyImplementation.preferred().displayName());
        List<String> names = new ArrayList<>();
        List<Supplier<ChaChaPolyCipher>> implementations = new ArrayList<>();
        for (ChaChaPolyImplementation implementation : ChaChaPolyImplementation.values()) {
            names.add(implementation.displayName());
            implementations.add(implementation::create);
        }
        names.add("java-1blk");
        implementations.add(ChaCha20Poly1305::oneBlockAtATime);
        List<List<Double>> seal = new ArrayList<>();
        List<List<Double>> open = new ArrayList<>();
        for (int i = 0; i < implementations.size(); i++) {
            seal.add(new ArrayList<>());
            open.add(new ArrayList<>());
        }
        for (Supplier<ChaChaPolyCipher> implementation : implementations) { // warm-up for the JIT
            measure(implementation, false, 1);
            measure(implementation, true, 1);
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < implementations.size(); i++) {
                seal.get(i).add(measure(implementations.get(i), false, seconds));
                open.get(i).add(measure(implementations.get(i), true, seconds));
            }
        }
        for (int i = 0; i < implementations.size(); i++) {
            System.out.printf("%-9s seal median %6.0f MB/s  open median %6.0f MB/s   (seal %s; open %s)%n",
                    names.get(i), median(seal.get(i)), median(open.get(i)),
                    rounded(seal.get(i)), rounded(open.get(i)));
        }
    }

    /** Plaintext MB/s (10^6 bytes) sealing, or opening, full frames one after another. */
    static double measure(Supplier<ChaChaPolyCipher> implementation, boolean open, double seconds)
            throws GeneralSecurityException {
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        ChaChaPolyCipher cipher = implementation.get();
        cipher.setKey(key);
        byte[] plain = new byte[FRAME];
        // Opening cycles through frames sealed under different nonces: the JCA refuses to be
        // initialised twice in a row with the same key and nonce, whichever the direction.
        byte[][] sealed = new byte[4][FRAME + ChaChaPolyCipher.TAG_LENGTH];
        for (int i = 0; i < sealed.length; i++) {
            ChaChaPolyCipher sealer = implementation.get();
            sealer.setKey(key);
            sealer.seal(i, null, plain, 0, FRAME, sealed[i], 0);
        }
        long bytes = 0;
        long nonce = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long now;
        do {
            if (open) {
                int i = (int) (nonce++ & 3);
                cipher.open(i, null, sealed[i], 0, sealed[i].length, plain, 0);
            } else {
                cipher.seal(nonce++, null, plain, 0, FRAME, sealed[0], 0);
            }
            bytes += FRAME;
            now = System.nanoTime();
        } while (now < deadline);
        return bytes / ((now - start) / 1e9) / 1e6;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }
}
