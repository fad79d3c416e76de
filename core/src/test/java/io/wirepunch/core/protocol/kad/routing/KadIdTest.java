package io.wirepunch.core.protocol.kad.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KadIdTest {
    private static KadId hex(String hex) {
        return KadId.fromBytes(HexFormat.of().parseHex(hex));
    }

    private static final String ZERO = "0000000000000000000000000000000000000000000000000000000000000000";

    @Test
    void hashesRawKeysWithSha256() {
        assertThat(KadId.ofKey("abc".getBytes(StandardCharsets.US_ASCII)).toString())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashesThePeerIdMultihashBytes() {
        PeerId peer = PeerId.fromBase58("QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN");
        assertThat(KadId.of(peer).toString())
                .isEqualTo("a9f0f78bb4c343dcab2fb3a389476454798a2a2f40e4df94939cbe133d84b99a");
        byte[] counting = new byte[34];
        counting[0] = 0x12;
        counting[1] = 32;
        for (int i = 0; i < 32; i++) {
            counting[2 + i] = (byte) i;
        }
        assertThat(KadId.of(PeerId.fromBytes(counting)).toString())
                .isEqualTo("cf4f385aaacc773f745aadc1d2368bd112293a069b893df9a4d561a2616c2405");
    }

    @Test
    void bytesRoundTripAndWrongLengthsAreRefused() {
        String text = "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff";
        assertThat(hex(text).toString()).isEqualTo(text);
        assertThat(HexFormat.of().formatHex(hex(text).toBytes())).isEqualTo(text);
        assertThatThrownBy(() -> KadId.fromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KadId.fromBytes(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xorAndCommonPrefixOnFixedVectors() {
        KadId a = hex("f0" + ZERO.substring(2));
        KadId b = hex("f8" + ZERO.substring(2));
        assertThat(a.xor(b).toString()).isEqualTo("08" + ZERO.substring(2));
        assertThat(a.commonPrefixLength(b)).isEqualTo(4);
        assertThat(a.commonPrefixLength(a)).isEqualTo(KadId.BITS);
        assertThat(hex(ZERO).commonPrefixLength(hex("8" + ZERO.substring(1)))).isZero();
        // Differences in the last bit of each 64-bit word exercise every word boundary.
        assertThat(hex(ZERO).commonPrefixLength(hex(ZERO.substring(0, 15) + "1" + ZERO.substring(16)))).isEqualTo(63);
        assertThat(hex(ZERO).commonPrefixLength(hex(ZERO.substring(0, 16) + "8" + ZERO.substring(17)))).isEqualTo(64);
        assertThat(hex(ZERO).commonPrefixLength(hex(ZERO.substring(0, 63) + "1"))).isEqualTo(255);
        assertThat(hex(ZERO.substring(0, 63) + "1").bit(255)).isTrue();
        assertThat(hex(ZERO.substring(0, 63) + "1").bit(254)).isFalse();
    }

    @Test
    void distanceComparisonIsUnsignedXorOrder() {
        KadId target = hex(ZERO);
        KadId near = hex("00" + "ff".repeat(31));
        KadId far = hex("80" + ZERO.substring(2));
        assertThat(target.compareDistance(near, far)).isNegative();
        assertThat(target.compareDistance(far, near)).isPositive();
        assertThat(target.compareDistance(far, far)).isZero();
        // Relative to a target with the top bit set, the order flips.
        KadId other = hex("80" + ZERO.substring(2));
        assertThat(other.compareDistance(far, near)).isNegative();
        assertThat(new java.util.ArrayList<>(java.util.List.of(far, near, target)).stream()
                .sorted(target.byDistance()).toList()).containsExactly(target, near, far);
    }

    @Test
    void randomIdsWithACommonPrefixLandInThatBucket() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            KadId local = KadId.random(random);
            for (int prefix = 0; prefix < KadId.BITS; prefix++) {
                assertThat(local.commonPrefixLength(local.randomWithCommonPrefix(prefix, random))).isEqualTo(prefix);
            }
        }
        KadId local = KadId.random(random);
        assertThatThrownBy(() -> local.randomWithCommonPrefix(KadId.BITS, random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> local.randomWithCommonPrefix(-1, random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomIdsInABucketVaryBelowThePrefix() {
        Random random = new Random(8);
        KadId local = KadId.random(random);
        assertThat(local.randomWithCommonPrefix(3, random)).isNotEqualTo(local.randomWithCommonPrefix(3, random));
    }

    @Test
    void equalityFollowsTheBytes() {
        KadId a = KadId.ofKey(new byte[] {1});
        assertThat(a).isEqualTo(KadId.fromBytes(a.toBytes())).hasSameHashCodeAs(KadId.fromBytes(a.toBytes()));
        assertThat(a).isNotEqualTo(KadId.ofKey(new byte[] {2}));
    }
}
