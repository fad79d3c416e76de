package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our ChaCha20-Poly1305 against independent ones on random input: the JDK's AEAD and ChaCha20,
 * BouncyCastle's Poly1305, and our one-block-at-a-time code. Lengths around the 16-byte Poly1305
 * block, its 64-byte four-block step, the 64-byte ChaCha20 block, the edges where ChaCha20 starts
 * and stops using lanes, the Noise frame maximum, and random ones; the seed is in the failure
 * message.
 */
class ChaCha20Poly1305DifferentialTest {
    private static final int[] EDGE_LENGTHS = {0, 1, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 80, 127, 128, 129,
        191, 192, 193, 65519};

    static IntStream lengths() {
        Random random = new Random(20240917);
        return IntStream.concat(IntStream.concat(IntStream.of(EDGE_LENGTHS), laneEdges()),
                random.ints(25, 0, 70_000));
    }

    /**
     * Byte lengths one either side of, and at, each block count where the lanes take over or hand
     * back: the fewest blocks they take, a full set of lanes, one set plus the fewest, two sets.
     * AEAD text starts at block 1, so these are also block counts of the ChaCha20 alone.
     */
    static IntStream laneEdges() {
        int fewest = ChaCha20.FEWEST_BLOCKS_FOR_LANES;
        int lanes = ChaCha20Lanes.LANES;
        return IntStream.of(fewest - 1, fewest, lanes - 1, lanes, lanes + fewest - 1, lanes + fewest, 2 * lanes)
                .map(blocks -> blocks * ChaCha20.BLOCK_LENGTH)
                .flatMap(bytes -> IntStream.of(bytes - 1, bytes, bytes + 1));
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void sealsWhatTheJcaOpensAndOpensWhatTheJcaSeals(int length) throws Exception {
        for (int trial = 0; trial < 4; trial++) {
            long seed = length * 31L + trial;
            Random random = new Random(seed);
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] ad = bytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(80));
            byte[] plain = bytes(random, length);

            byte[] ours = new byte[length + 16];
            new ChaCha20Poly1305(key).seal(nonce, ad, plain, 0, length, ours, 0);
            byte[] theirs = jca(Cipher.ENCRYPT_MODE, key, nonce, ad, plain);
            assertThat(ours).as("seed %d", seed).isEqualTo(theirs);
            ChaCha20Poly1305 reference = ChaCha20Poly1305.oneBlockAtATime();
            reference.setKey(key);
            byte[] referenceSealed = new byte[length + 16];
            reference.seal(nonce, ad, plain, 0, length, referenceSealed, 0);
            assertThat(referenceSealed).as("one block at a time, seed %d", seed).isEqualTo(theirs);
            assertThat(jca(Cipher.DECRYPT_MODE, key, nonce, ad, ours)).as("seed %d", seed).isEqualTo(plain);

            byte[] opened = new byte[length];
            int openedLength = new ChaCha20Poly1305(key).open(nonce, ad, theirs, 0, theirs.length, opened, 0);
            assertThat(openedLength).isEqualTo(length);
            assertThat(opened).as("seed %d", seed).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void worksAtOffsetsAndInPlace(int length) throws Exception {
        Random random = new Random(length);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 12);
        byte[] ad = bytes(random, 13);
        byte[] plain = bytes(random, length);
        byte[] expected = jca(Cipher.ENCRYPT_MODE, key, nonce, ad, plain);
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(key);

        byte[] shifted = new byte[length + 16 + 10];
        aead.seal(nonce, ad, plain, 0, length, shifted, 7);
        assertThat(Arrays.copyOfRange(shifted, 7, 7 + length + 16)).isEqualTo(expected);

        byte[] buffer = new byte[length + 16 + 3];
        System.arraycopy(plain, 0, buffer, 3, length);
        aead.seal(nonce, ad, buffer, 3, length, buffer, 3);
        assertThat(Arrays.copyOfRange(buffer, 3, 3 + length + 16)).isEqualTo(expected);
        assertThat(aead.open(nonce, ad, buffer, 3, length + 16, buffer, 3)).isEqualTo(length);
        assertThat(Arrays.copyOfRange(buffer, 3, 3 + length)).isEqualTo(plain);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void rejectsAnyFlippedBitOfTagCiphertextOrAdWithoutWritingPlaintext(int length) throws Exception {
        Random random = new Random(~length);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 12);
        byte[] ad = bytes(random, 20);
        byte[] sealed = jca(Cipher.ENCRYPT_MODE, key, nonce, ad, bytes(random, length));
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(key);

        int where = random.nextInt(sealed.length); // tag or ciphertext
        byte[] tampered = sealed.clone();
        tampered[where] ^= (byte) (1 << random.nextInt(8));
        assertRejectedUntouched(aead, nonce, ad, tampered);

        byte[] otherAd = ad.clone();
        otherAd[random.nextInt(ad.length)] ^= 1;
        assertRejectedUntouched(aead, nonce, otherAd, sealed);

        byte[] otherNonce = nonce.clone();
        otherNonce[11] ^= (byte) 0x80;
        assertRejectedUntouched(aead, otherNonce, ad, sealed);
    }

    @Test
    void rejectsMessagesShorterThanTheTag() {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(new byte[32]);
        assertThatThrownBy(() -> aead.open(0L, null, new byte[15], 0, 15, new byte[0], 0))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void keystreamMatchesTheJcaAtAnyBlockCounter() throws Exception {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            int counter = trial < 3 ? new int[] {0, -1, Integer.MAX_VALUE}[trial] : random.nextInt();
            int length = random.nextInt(300);
            byte[] plain = bytes(random, length);
            Cipher jca = Cipher.getInstance("ChaCha20");
            jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, counter));
            ChaCha20 ours = new ChaCha20();
            ours.setKey(key, 0);
            byte[] out = new byte[length];
            ours.xor(counter, le(nonce, 0), le(nonce, 4), le(nonce, 8), plain, 0, length, out, 0);
            assertThat(out).as("trial %d", trial).isEqualTo(jca.doFinal(plain));
        }
    }

    @Test
    void lanesMatchOneBlockAtATimeAtAnyCounterIncludingWrapAround() {
        Random random = new Random(13);
        int[] lengths = laneEdges().toArray();
        for (int trial = 0; trial < 60; trial++) {
            byte[] key = bytes(random, 32);
            int n0 = random.nextInt(), n1 = random.nextInt(), n2 = random.nextInt();
            // the first trials start a few blocks before 2^32, so the counter wraps inside the lanes
            int counter = trial < 20 ? -1 - random.nextInt(ChaCha20Lanes.LANES) : random.nextInt();
            int length = lengths[trial % lengths.length];
            int offset = random.nextInt(9);
            byte[] plain = bytes(random, length + offset);
            ChaCha20 lanes = new ChaCha20();
            lanes.setKey(key, 0);
            ChaCha20 oneBlock = ChaCha20.oneBlockAtATime();
            oneBlock.setKey(key, 0);
            byte[] expected = new byte[length];
            oneBlock.xor(counter, n0, n1, n2, plain, offset, length, expected, 0);
            byte[] out = new byte[length];
            lanes.xor(counter, n0, n1, n2, plain, offset, length, out, 0);
            assertThat(out).as("trial %d", trial).isEqualTo(expected);
            lanes.xor(counter, n0, n1, n2, plain, offset, length, plain, offset); // in place
            assertThat(Arrays.copyOfRange(plain, offset, offset + length)).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void poly1305MatchesBouncyCastleIncludingNearTheModulus() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            // all-ones keys and messages push the limbs to their largest values
            boolean extreme = trial % 3 == 0;
            byte[] key = extreme ? filled(32, (byte) 0xff) : bytes(random, 32);
            byte[] message = extreme ? filled(random.nextInt(1100), (byte) 0xff) : bytes(random, random.nextInt(1100));
            Poly1305 bc = new Poly1305();
            bc.init(new KeyParameter(key));
            bc.update(message, 0, message.length);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);
            assertThat(io.wirepunch.core.upgrade.noise.Poly1305.mac(key, message)).as("trial %d", trial)
                    .isEqualTo(expected);
            assertThat(macOneBlockAtATime(key, message)).as("one block at a time, trial %d", trial)
                    .isEqualTo(expected);
        }
    }

    private static byte[] macOneBlockAtATime(byte[] key, byte[] message) {
        io.wirepunch.core.upgrade.noise.Poly1305 poly = io.wirepunch.core.upgrade.noise.Poly1305.oneBlockAtATime();
        poly.init(key, 0);
        poly.updateFinal(message, 0, message.length);
        byte[] tag = new byte[16];
        poly.finish(tag, 0);
        return tag;
    }

    private static void assertRejectedUntouched(ChaCha20Poly1305 aead, byte[] nonce, byte[] ad, byte[] sealed) {
        byte[] out = filled(sealed.length - 16, (byte) 0x5a);
        assertThatThrownBy(() -> aead.open(nonce, ad, sealed, 0, sealed.length, out, 0))
                .isInstanceOf(AEADBadTagException.class);
        assertThat(out).isEqualTo(filled(out.length, (byte) 0x5a));
    }

    private static byte[] jca(int mode, byte[] key, byte[] nonce, byte[] ad, byte[] input) throws Exception {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        cipher.updateAAD(ad);
        return cipher.doFinal(input);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
