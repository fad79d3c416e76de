package io.wirepunch.core.crypto.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class DerReaderTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static void refused(String hex, String message) {
        assertThatThrownBy(() -> {
            DerReader outer = DerReader.of(hex(hex));
            DerReader seq = outer.readSequence();
            outer.requireEnd();
            while (seq.hasMore()) {
                seq.readInteger();
            }
        }).isInstanceOf(DerException.class).hasMessageContaining(message);
    }

    @Test
    void writerAndReaderAgreeWithBouncyCastleOnSequencesOfIntegers() throws Exception {
        Random random = new Random(690);
        for (int i = 0; i < 500; i++) {
            BigInteger a = new BigInteger(1 + random.nextInt(600), random).subtract(BigInteger.valueOf(random.nextInt(3)));
            BigInteger b = new BigInteger(1 + random.nextInt(2000), random).negate();
            byte[] mine = DerWriter.sequence(DerWriter.integer(a), DerWriter.integer(b));
            byte[] reference = new DERSequence(new ASN1Integer[] {new ASN1Integer(a), new ASN1Integer(b)})
                    .getEncoded(ASN1Encoding.DER);
            assertThat(mine).isEqualTo(reference);
            DerReader seq = DerReader.of(mine).readSequence();
            assertThat(seq.readInteger()).isEqualTo(a);
            assertThat(seq.readInteger()).isEqualTo(b);
            seq.requireEnd();
        }
    }

    @Test
    void nonMinimalIntegersAndLengthsAreRefused() {
        refused("3004020200 7f".replace(" ", ""), "not minimally encoded");
        refused("30040202ff80", "not minimally encoded");
        refused("30020200", "no content");
        refused("3081020201" + "01", "length is not minimally encoded");
        refused("308200030201" + "01", "length is not minimally encoded");
        refused("3080020101" + "0000", "indefinite length");
    }

    @Test
    void truncatedOverlongAndTrailingInputIsRefused() {
        refused("3005020101", "overruns");
        refused("30", "has no length");
        refused("3003020201", "overruns");
        refused("3003020101" + "00", "unexpected bytes");
        refused("31030201" + "01", "expected SEQUENCE");
        refused("3082", "cut short");
    }

    @Test
    void lengthOctetsBeyondTheNamedLimitAreRefused() {
        assertThat(DerReader.MAX_LENGTH_OCTETS).isEqualTo(2);
        // a 300-byte element needs two length octets: accepted
        byte[] twoOctets = DerWriter.element(DerReader.TAG_OCTET_STRING, new byte[300]);
        assertThat(DerReader.of(twoOctets).readOctetString()).hasSize(300);
        refused("3083000003020101", "3 length octets, more than 2");
    }

    @Test
    void inputBeyondTheNamedLimitIsRefusedBeforeParsing() {
        byte[] atLimit = new byte[DerReader.MAX_INPUT_BYTES];
        DerReader.of(atLimit); // accepted; its content is then read strictly
        assertThatThrownBy(() -> DerReader.of(new byte[DerReader.MAX_INPUT_BYTES + 1]))
                .isInstanceOf(DerException.class).hasMessageContaining("exceeds " + DerReader.MAX_INPUT_BYTES);
        assertThatThrownBy(() -> DerWriter.integer(BigInteger.ONE.shiftLeft(8 * DerReader.MAX_INPUT_BYTES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }

    @Test
    void bitStringsOidsAndExplicitTags() {
        DerReader r = DerReader.of(hex("a00a06082a8648ce3d030107a1050303000102"));
        DerReader zero = r.readExplicit(0);
        assertThat(zero.readObjectIdentifier()).isEqualTo(hex("2a8648ce3d030107"));
        assertThat(r.peekTag()).isEqualTo(DerReader.TAG_EXPLICIT_0 + 1);
        DerReader one = r.readExplicit(1);
        assertThat(one.readBitString()).isEqualTo(hex("0102"));
        r.requireEnd();
        assertThat(r.peekTag()).isEqualTo(-1);

        assertThatThrownBy(() -> DerReader.of(hex("030201ff")).readBitString())
                .isInstanceOf(DerException.class).hasMessageContaining("unused bits");
        assertThatThrownBy(() -> DerReader.of(hex("0300")).readBitString())
                .isInstanceOf(DerException.class).hasMessageContaining("no unused-bits octet");
        assertThatThrownBy(() -> DerReader.of(hex("06022a86")).readObjectIdentifier())
                .isInstanceOf(DerException.class).hasMessageContaining("ends inside an arc");
        assertThatThrownBy(() -> DerReader.of(hex("0603802a01")).readObjectIdentifier())
                .isInstanceOf(DerException.class).hasMessageContaining("not minimally encoded");
        assertThatThrownBy(() -> DerReader.of(hex("0600")).readObjectIdentifier())
                .isInstanceOf(DerException.class).hasMessageContaining("no content");
    }
}
