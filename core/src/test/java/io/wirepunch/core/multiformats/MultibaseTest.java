package io.wirepunch.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultibaseTest {

    /** RFC 4648 section 10 vectors, lower case and without padding. */
    @ParameterizedTest
    @CsvSource({"f, my", "fo, mzxq", "foo, mzxw6", "foob, mzxw6yq", "fooba, mzxw6ytb", "foobar, mzxw6ytboi"})
    void base32MatchesRfc4648(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Multibase.decode("b" + encoded)).isEqualTo(bytes);
    }

    /** Vectors of the multibase spec's test suite for "yes mani !" and leading zero bytes. */
    @ParameterizedTest
    @CsvSource({
        "796573206d616e692021, k2lcpzo5yikidynfl",
        "00796573206d616e692021, k02lcpzo5yikidynfl",
        "0000796573206d616e692021, k002lcpzo5yikidynfl",
        "796573206d616e692021, z7paNL19xttacUY",
        "00796573206d616e692021, z17paNL19xttacUY",
        "796573206d616e692021, bpfsxgidnmfxgsibb",
    })
    void multibaseVectors(String hex, String text) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(Multibase.decode(text)).isEqualTo(bytes);
        Multibase base = switch (text.charAt(0)) {
            case 'k' -> Multibase.BASE36;
            case 'z' -> Multibase.BASE58BTC;
            default -> Multibase.BASE32;
        };
        assertThat(base.encode(bytes)).isEqualTo(text);
    }

    @Test
    void badTextIsRefusedByName() {
        assertThatThrownBy(() -> Base32.decode("mzxw6ytboj")).hasMessageContaining("non-zero trailing bits");
        assertThatThrownBy(() -> Base32.decode("mzx")).hasMessageContaining("impossible length 3");
        assertThatThrownBy(() -> Base32.decode("MZXW6")).hasMessageContaining("invalid base32 character 'M'");
        assertThatThrownBy(() -> Base32.decode("a".repeat(Base32.MAX_DECODE_CHARS + 1))).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Base36.decode("k".repeat(Base36.MAX_DECODE_CHARS + 1))).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Base36.decode("abC")).hasMessageContaining("invalid base36 character 'C'");
        assertThatThrownBy(() -> Multibase.decode("fdeadbeef")).hasMessageContaining("unsupported multibase prefix 'f'");
        assertThatThrownBy(() -> Multibase.decode("")).hasMessageContaining("empty");
    }

    @Test
    void cidAndMultihashRefuseWhatIsNotThere() {
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {0x12, 0x20})).hasMessageContaining("version byte 0x12 is not 1");
        assertThatThrownBy(() -> Cid.fromBytes(new byte[] {1, (byte) 0x80, 1})).hasMessageContaining("multi-byte varint");
        assertThatThrownBy(() -> Multihash.decode(new byte[] {0x12, 0x02, 1, 2})).hasMessageContaining("must carry 32 bytes");
        assertThatThrownBy(() -> Multihash.decode(new byte[] {0x00, 0x05, 1})).hasMessageContaining("says 5 digest bytes but carries 1");
        assertThatThrownBy(() -> Multihash.decode(new byte[] {(byte) 0xb2, 0x40})).hasMessageContaining("beyond 127");
        Multihash identity = Multihash.of(Multihash.IDENTITY, new byte[] {7, 8});
        Cid cid = Cid.of(Cid.LIBP2P_KEY, identity);
        assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
        assertThat(Cid.parse(cid.toString(Multibase.BASE36))).isEqualTo(cid);
        assertThat(cid.toBytes()).containsExactly(1, 0x72, 0, 2, 7, 8);
    }
}
