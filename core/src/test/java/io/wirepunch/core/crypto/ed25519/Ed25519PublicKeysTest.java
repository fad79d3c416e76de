package io.wirepunch.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ed25519PublicKeysTest {

    @ParameterizedTest
    @CsvSource({ // RFC 8032 section 7.1, tests 1, 2, 3 and "SHA(abc)"
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42, ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    })
    void rfc8032Vectors(String seed, String publicKey) {
        byte[] derived = Ed25519PublicKeys.of(HexFormat.of().parseHex(seed));
        assertThat(HexFormat.of().formatHex(derived)).isEqualTo(publicKey);
    }

    @Test
    void matchesBouncyCastleAndTheJdkOnRandomAndExtremeSeeds() throws Exception {
        Random random = new Random(8032);
        Ed25519PublicKeys keys = new Ed25519PublicKeys();
        byte[] seed = new byte[32];
        byte[] mine = new byte[32];
        byte[] reference = new byte[32];
        for (int i = 0; i < 2000; i++) {
            if (i < 2) {
                Arrays.fill(seed, (byte) (i == 0 ? 0 : 0xff));
            } else {
                random.nextBytes(seed);
            }
            keys.derive(seed, 0, mine, 0);
            Ed25519.generatePublicKey(seed, 0, reference, 0);
            assertThat(mine).as("seed %s", HexFormat.of().formatHex(seed)).isEqualTo(reference);
        }
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 20; i++) {
            KeyPair pair = jdk.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] x509 = pair.getPublic().getEncoded();
            assertThat(Ed25519PublicKeys.of(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)))
                    .isEqualTo(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
        }
    }

    @Test
    void aBatchGivesTheKeysOneAtATimeDoes() {
        Random random = new Random(16);
        Ed25519PublicKeys keys = new Ed25519PublicKeys();
        for (int count : new int[] {1, 2, 7, Ed25519PublicKeys.MAX_BATCH}) {
            byte[] seeds = new byte[count * 32];
            random.nextBytes(seeds);
            byte[] batch = new byte[count * 32];
            keys.deriveAll(seeds, batch, count);
            for (int k = 0; k < count; k++) {
                byte[] one = new byte[32];
                keys.derive(seeds, k * 32, one, 0);
                assertThat(Arrays.copyOfRange(batch, k * 32, k * 32 + 32)).isEqualTo(one);
            }
        }
    }

    @Test
    void batchesOutsideOneToTheMaximumAndShortBuffersAreRefused() {
        Ed25519PublicKeys keys = new Ed25519PublicKeys();
        int max = Ed25519PublicKeys.MAX_BATCH;
        assertThatThrownBy(() -> keys.deriveAll(new byte[(max + 1) * 32], new byte[(max + 1) * 32], max + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1.." + max);
        assertThatThrownBy(() -> keys.deriveAll(new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.deriveAll(new byte[32], new byte[64], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> Ed25519PublicKeys.of(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void fieldArithmeticAgreesWithBigIntegerAtTheLimbBounds() {
        BigInteger p = Field25519.P;
        Random random = new Random(25519);
        long[] f = Field25519.create();
        long[] g = Field25519.create();
        long[] h = Field25519.create();
        for (int i = 0; i < 3000; i++) {
            // limbs of the largest magnitude the products are specified for, of either sign
            for (int l = 0; l < Field25519.LIMBS; l++) {
                long bound = (3L << 26) / (l % 2 == 0 ? 1 : 2);
                f[l] = i < 2 ? (i == 0 ? bound - 1 : -(bound - 1)) : random.nextLong() % bound;
                g[l] = i < 2 ? bound - 1 : random.nextLong() % bound;
            }
            BigInteger fb = value(f);
            BigInteger gb = value(g);
            Field25519.mul(h, f, g);
            assertThat(Field25519.toBigInteger(h)).isEqualTo(fb.multiply(gb).mod(p));
            Field25519.square(h, f);
            assertThat(Field25519.toBigInteger(h)).isEqualTo(fb.multiply(fb).mod(p));
        }
        for (BigInteger edge : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE),
                BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(20))}) {
            Field25519.fromBigInteger(f, edge);
            assertThat(Field25519.toBigInteger(f)).isEqualTo(edge.mod(p));
            if (edge.signum() != 0) {
                Field25519.invert(h, f);
                assertThat(Field25519.toBigInteger(h)).isEqualTo(edge.modInverse(p));
            }
        }
    }

    @Test
    void nonCanonicalLimbsEncodeReducedModP() {
        // p, p + 1 and 2^255 - 1 written limb by limb with every limb full: they must encode as 0, 1 and 18
        for (int extra : new int[] {0, 1, 18}) {
            long[] f = Field25519.create();
            for (int l = 0; l < Field25519.LIMBS; l++) {
                f[l] = (1L << Field25519.width(l)) - 1;
            }
            f[0] -= 18 - extra;
            assertThat(value(f)).isEqualTo(Field25519.P.add(BigInteger.valueOf(extra)));
            assertThat(Field25519.toBigInteger(f)).isEqualTo(BigInteger.valueOf(extra));
        }
        long[] minusOne = Field25519.create();
        minusOne[0] = -1;
        assertThat(Field25519.toBigInteger(minusOne)).isEqualTo(Field25519.P.subtract(BigInteger.ONE));
    }

    /** The value of limbs as given, unreduced, so that the check does not rely on the code under test. */
    private static BigInteger value(long[] limbs) {
        BigInteger v = BigInteger.ZERO;
        int shift = 0;
        for (int l = 0; l < Field25519.LIMBS; l++) {
            v = v.add(BigInteger.valueOf(limbs[l]).shiftLeft(shift));
            shift += Field25519.width(l);
        }
        return v;
    }
}
