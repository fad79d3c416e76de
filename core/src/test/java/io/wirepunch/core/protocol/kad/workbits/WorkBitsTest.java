package io.wirepunch.core.protocol.kad.workbits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors: every hash below was computed with Python's {@code hashlib.blake2b(data,
 * digest_size=32)}, independently of BouncyCastle. The key is RFC 8032's first Ed25519 test key.
 */
class WorkBitsTest {
    private static final HexFormat HEX = HexFormat.of();
    static final String RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final PublicKey RFC8032_KEY = Keys.unmarshalPublic(HEX.parseHex("08011220" + RFC8032_PUBLIC));

    @Test
    void blake2b256MatchesAnIndependentImplementation() {
        assertThat(hex(WorkBits.hash(new byte[0], new byte[0])))
                .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
        assertThat(hex(WorkBits.hash(ascii("abc"), new byte[0])))
                .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
        assertThat(hex(WorkBits.hash(ascii("ab"), ascii("c"))))
                .as("key and namespace are hashed as one concatenated message")
                .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    }

    @Test
    void hashesTheMarshalledKeyThenTheUtf8Namespace() {
        byte[] marshalled = RFC8032_KEY.marshal();
        assertThat(hex(WorkBits.hash(marshalled, new byte[0])))
                .isEqualTo("3ef61481afa2e6c4e708f49836f843da0861ee48ba13960ac3036dda9f8f95e9");
        assertThat(hex(WorkBits.hash(marshalled, WorkBits.namespaceBytes("réseau"))))
                .isEqualTo("7963533a7e67f809dd463b2f814258eff71743dc2a105cfe18b8db935abefd07");
        assertThat(WorkBits.of(RFC8032_KEY, "")).isEqualTo(2);
        assertThat(WorkBits.of(RFC8032_KEY, "wirepunch")).isZero();
        assertThat(WorkBits.of(RFC8032_KEY, "réseau")).isEqualTo(1);
        assertThat(WorkBits.of(RFC8032_KEY, "net-666")).isEqualTo(12); // 000860169cef...
        assertThat(WorkBits.of(RFC8032_KEY, "net-3650")).isEqualTo(13); // 00054bb061d0...
        assertThat(WorkBits.of(RFC8032_KEY, "net-62037")).isEqualTo(15); // 00014a510dbb...
    }

    @Test
    void aPrivateKeysPublicHalfHasTheSameWork() {
        PrivateKey key = Keys.unmarshalPrivate(HEX.parseHex("08011240" + RFC8032_SEED + RFC8032_PUBLIC));
        assertThat(WorkBits.of(key.publicKey(), "net-62037")).isEqualTo(15);
    }

    @Test
    void meetsComparesWithTheRequiredBits() {
        assertThat(WorkBits.meets(RFC8032_KEY, "net-62037", 0)).isTrue();
        assertThat(WorkBits.meets(RFC8032_KEY, "net-62037", 15)).isTrue();
        assertThat(WorkBits.meets(RFC8032_KEY, "net-62037", 16)).isFalse();
        assertThat(WorkBits.meets(RFC8032_KEY, "net-3650", 15)).isFalse();
    }

    @Test
    void countsLeadingZeroBitsBigEndian() {
        assertThat(WorkBits.leadingZeroBits(new byte[32])).isEqualTo(256);
        assertThat(WorkBits.leadingZeroBits(bytes(0x80, 0x00))).isZero();
        assertThat(WorkBits.leadingZeroBits(bytes(0x7f, 0xff))).isEqualTo(1);
        assertThat(WorkBits.leadingZeroBits(bytes(0x00, 0x01))).isEqualTo(15);
        assertThat(WorkBits.leadingZeroBits(bytes(0x00, 0x00, 0x3f, 0xff))).isEqualTo(18);
    }

    @Test
    void refusesRequirementsAboveTheMaximumOrBelowZero() {
        assertThat(WorkBits.meets(RFC8032_KEY, "", WorkBits.MAX_REQUIRED_BITS)).isFalse();
        assertThatThrownBy(() -> WorkBits.meets(RFC8032_KEY, "", WorkBits.MAX_REQUIRED_BITS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work bits of 33 exceed the maximum of 32");
        assertThatThrownBy(() -> WorkBits.meets(RFC8032_KEY, "", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work bits cannot be negative, got -1");
    }

    @Test
    void refusesNamespacesLongerThanTheMaximumInUtf8Bytes() {
        String longest = "n".repeat(WorkBits.MAX_NAMESPACE_BYTES);
        assertThat(WorkBits.of(RFC8032_KEY, longest)).isBetween(0, 256);
        assertThatThrownBy(() -> WorkBits.of(RFC8032_KEY, longest + "n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace of 256 UTF-8 bytes exceeds 255");
        // 128 characters, but 256 bytes in UTF-8: the limit is on what is hashed.
        assertThatThrownBy(() -> WorkBits.of(RFC8032_KEY, "é".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequirementAdmitsKeysAndInlinedPeerIdsWithEnoughWork() {
        WorkRequirement fifteen = new WorkRequirement("net-62037", 15);
        WorkRequirement sixteen = new WorkRequirement("net-62037", 16);
        assertThat(fifteen.admits(RFC8032_KEY)).isTrue();
        assertThat(fifteen.admits(RFC8032_KEY.peerId())).isTrue();
        assertThat(sixteen.admits(RFC8032_KEY)).isFalse();
        assertThat(sixteen.admits(RFC8032_KEY.peerId())).isFalse();
        assertThat(WorkRequirement.NONE.admits(RFC8032_KEY)).isTrue();
    }

    @Test
    void aPeerIdThatHidesItsKeyIsRefusedUnlessNoWorkIsRequired() {
        PeerId hashed = PeerId.fromBytes(HEX.parseHex("1220" + "ab".repeat(32)));
        assertThat(new WorkRequirement("", 1).admits(hashed)).isFalse();
        assertThat(WorkRequirement.NONE.admits(hashed)).isTrue();
    }

    @Test
    void aRequirementIsCheckedWhenMade() {
        assertThatThrownBy(() -> new WorkRequirement("", WorkBits.MAX_REQUIRED_BITS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkRequirement("n".repeat(WorkBits.MAX_NAMESPACE_BYTES + 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
