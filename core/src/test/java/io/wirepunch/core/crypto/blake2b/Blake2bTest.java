package io.wirepunch.core.crypto.blake2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class Blake2bTest {

    @Test
    void rfc7693AppendixAVector() {
        byte[] digest = Blake2b.digest(64, "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    @Test
    void emptyMessage256() {
        // BLAKE2b-256 of the empty string, as published with the reference implementation
        assertThat(HexFormat.of().formatHex(Blake2b.digest(32))).isEqualTo(
                "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    }

    @Test
    void matchesBouncyCastleForEveryLengthAroundTheBlockSizeAndAnySplit() {
        Random random = new Random(7693);
        for (int length = 0; length <= 3 * Blake2b.BLOCK_BYTES + 1; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            for (int size : new int[] {1, 20, 32, 48, 64}) {
                Blake2bDigest reference = new Blake2bDigest(size * 8);
                reference.update(message, 0, length);
                byte[] expected = new byte[size];
                reference.doFinal(expected, 0);

                Blake2b mine = new Blake2b(size);
                int split = length == 0 ? 0 : random.nextInt(length + 1);
                mine.update(message, 0, split);
                mine.update(message, split, length - split);
                byte[] actual = new byte[size];
                mine.doFinal(actual, 0);
                assertThat(actual).as("length %d size %d", length, size).isEqualTo(expected);
            }
        }
    }

    @Test
    void doFinalResetsForTheNextMessage() {
        Blake2b b = new Blake2b(32);
        byte[] first = new byte[32];
        b.update(new byte[] {1, 2, 3}, 0, 3);
        b.doFinal(first, 0);
        byte[] second = new byte[32];
        b.update(new byte[] {1, 2, 3}, 0, 3);
        b.doFinal(second, 0);
        assertThat(second).isEqualTo(first).isEqualTo(Blake2b.digest(32, new byte[] {1, 2, 3}));
    }

    @Test
    void digestSizeOutsideOneToTheMaximumIsRefused() {
        assertThat(new Blake2b(Blake2b.MAX_DIGEST_BYTES).digestSize()).isEqualTo(64);
        assertThatThrownBy(() -> new Blake2b(Blake2b.MAX_DIGEST_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> new Blake2b(0)).isInstanceOf(IllegalArgumentException.class);
        Blake2b b = new Blake2b(32);
        assertThatThrownBy(() -> b.update(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.doFinal(new byte[40], 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
