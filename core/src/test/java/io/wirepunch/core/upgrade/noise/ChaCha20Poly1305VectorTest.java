package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 8439, section by section, for each of the three parts. */
class ChaCha20Poly1305VectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_00_TO_1F = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String KEY_80_TO_9F = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
    private static final String KEY_1C92 = "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";
    private static final String ZERO_KEY = "00".repeat(32);
    private static final String KEY_ONE = "00".repeat(31) + "01";
    private static final String NONCE_TWO = "00".repeat(11) + "02";
    private static final String SUNSCREEN = "Ladies and Gentlemen of the class of '99: If I could offer you only one"
            + " tip for the future, sunscreen would be it.";
    private static final String JABBERWOCKY = "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
            + "All mimsy were the borogoves,\nAnd the mome raths outgrabe.";
    private static final String IETF_CONTRIBUTION = "Any submission to the IETF intended by the Contributor for"
            + " publication as all or part of an IETF Internet-Draft or RFC and any statement made within the"
            + " context of an IETF activity is considered an \"IETF Contribution\". Such statements include oral"
            + " statements in IETF sessions, as well as written and electronic communications made at any time"
            + " or place, which are addressed to";

    @Test
    void blockFunctionOfSection232() {
        assertThat(block(KEY_00_TO_1F, "000000090000004a00000000", 1)).isEqualTo(
                "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                        + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    }

    @Test
    void blockFunctionOfAppendixA1() {
        assertThat(block(ZERO_KEY, "00".repeat(12), 0)).isEqualTo(
                "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                        + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
        assertThat(block(ZERO_KEY, "00".repeat(12), 1)).isEqualTo(
                "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                        + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
        assertThat(block(KEY_ONE, "00".repeat(12), 1)).isEqualTo(
                "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
                        + "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
        assertThat(block("00ff" + "00".repeat(30), "00".repeat(12), 2)).isEqualTo(
                "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
                        + "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
        assertThat(block(ZERO_KEY, NONCE_TWO, 0)).isEqualTo(
                "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
                        + "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d");
    }

    @Test
    void encryptionOfSection242() {
        assertThat(encrypt(KEY_00_TO_1F, "000000000000004a00000000", 1, ascii(SUNSCREEN))).isEqualTo(
                "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                        + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                        + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                        + "5af90bbf74a35be6b40b8eedf2785e42874d");
    }

    @Test
    void encryptionOfAppendixA2() {
        assertThat(encrypt(ZERO_KEY, "00".repeat(12), 0, new byte[64])).isEqualTo(block(ZERO_KEY, "00".repeat(12), 0));
        assertThat(encrypt(KEY_1C92, NONCE_TWO, 42, ascii(JABBERWOCKY))).isEqualTo(
                "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
                        + "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
                        + "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
                        + "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1");
    }

    @Test
    void poly1305OfSection252() {
        assertThat(mac("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
                ascii("Cryptographic Forum Research Group"))).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void poly1305OfAppendixA3() {
        byte[] contribution = ascii(IETF_CONTRIBUTION);
        assertThat(contribution).hasSize(375);
        assertThat(mac(ZERO_KEY, new byte[64])).isEqualTo("00".repeat(16));
        assertThat(mac("00".repeat(16) + "36e5f6b5c5e06070f0efca96227a863e", contribution))
                .isEqualTo("36e5f6b5c5e06070f0efca96227a863e");
        assertThat(mac("36e5f6b5c5e06070f0efca96227a863e" + "00".repeat(16), contribution))
                .isEqualTo("f3477e7cd95417af89a6b8794c310cf0");
        assertThat(mac(KEY_1C92, ascii(JABBERWOCKY))).isEqualTo("4541669a7eaaee61e708dc7cbcc5eb62");
        // #5 to #11 drive the reduction mod 2^130-5 through its carries and edge cases
        String r2 = "02" + "00".repeat(15);
        String r1 = "01" + "00".repeat(15);
        String zeros = "00".repeat(16);
        String ffs = "ff".repeat(16);
        assertThat(mac(r2 + zeros, HEX.parseHex(ffs))).isEqualTo("03" + "00".repeat(15));
        assertThat(mac(r2 + ffs, HEX.parseHex(r2))).isEqualTo("03" + "00".repeat(15));
        assertThat(mac(r1 + zeros, HEX.parseHex(ffs + "f0" + "ff".repeat(15) + "11" + "00".repeat(15))))
                .isEqualTo("05" + "00".repeat(15));
        assertThat(mac(r1 + zeros, HEX.parseHex(ffs + "fb" + "fe".repeat(15) + "01".repeat(16))))
                .isEqualTo(zeros);
        assertThat(mac(r2 + zeros, HEX.parseHex("fd" + "ff".repeat(15)))).isEqualTo("fa" + "ff".repeat(15));
        String r10 = "0100000000000000" + "0400000000000000";
        String m10 = "e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000"
                + "0000000000000000" + "01000000000000000000000000000000";
        assertThat(mac(r10 + zeros, HEX.parseHex(m10))).isEqualTo("14000000000000005500000000000000");
        assertThat(mac(r10 + zeros, HEX.parseHex(m10.substring(0, 96)))).isEqualTo("13" + "00".repeat(15));
    }

    @Test
    void poly1305KeyGenerationOfSection262AndAppendixA4() {
        assertThat(block(KEY_80_TO_9F, "000000000001020304050607", 0).substring(0, 64))
                .isEqualTo("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
        assertThat(block(ZERO_KEY, "00".repeat(12), 0).substring(0, 64))
                .isEqualTo("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7");
        assertThat(block(KEY_ONE, NONCE_TWO, 0).substring(0, 64))
                .isEqualTo("ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739");
        assertThat(block(KEY_1C92, NONCE_TWO, 0).substring(0, 64))
                .isEqualTo("965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae");
    }

    @Test
    void aeadOfSection282() throws Exception {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(HEX.parseHex(KEY_80_TO_9F));
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plain = ascii(SUNSCREEN);
        byte[] sealed = new byte[plain.length + 16];
        assertThat(aead.seal(nonce, ad, plain, 0, plain.length, sealed, 0)).isEqualTo(plain.length + 16);
        assertThat(HEX.formatHex(sealed)).isEqualTo(
                "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                        + "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691");
        byte[] opened = new byte[plain.length];
        assertThat(aead.open(nonce, ad, sealed, 0, sealed.length, opened, 0)).isEqualTo(plain.length);
        assertThat(opened).isEqualTo(plain);
    }

    @Test
    void aeadDecryptionOfAppendixA5() throws Exception {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305(HEX.parseHex(KEY_1C92));
        byte[] sealed = HEX.parseHex(
                "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                        + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                        + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                        + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                        + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                        + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                        + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                        + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                        + "a6ad5cb4022b02709b" + "eead9d67890cbb22392336fea1851f38");
        byte[] plain = new byte[sealed.length - 16];
        int length = aead.open(HEX.parseHex("000000000102030405060708"), HEX.parseHex("f33388860000000000004e91"),
                sealed, 0, sealed.length, plain, 0);
        assertThat(length).isEqualTo(265);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(
                "Internet-Drafts are draft documents valid for a maximum of six months and may be updated,"
                        + " replaced, or obsoleted by other documents at any time. It is inappropriate to use"
                        + " Internet-Drafts as reference material or to cite them other than as"
                        + " /\u201cwork in progress./\u201d");
    }

    @Test
    void noiseNonceIsFourZeroBytesThenTheCounterLittleEndian() throws Exception {
        byte[] key = HEX.parseHex(KEY_1C92);
        byte[] plain = ascii(JABBERWOCKY);
        long counter = 0x0807060504030201L;
        byte[] viaLong = new byte[plain.length + 16];
        byte[] viaBytes = new byte[plain.length + 16];
        new ChaCha20Poly1305(key).seal(counter, null, plain, 0, plain.length, viaLong, 0);
        new ChaCha20Poly1305(key).seal(HEX.parseHex("000000000102030405060708"), new byte[0],
                plain, 0, plain.length, viaBytes, 0);
        assertThat(viaLong).isEqualTo(viaBytes);
    }

    private static String block(String key, String nonce, int counter) {
        return encrypt(key, nonce, counter, new byte[64]);
    }

    private static String encrypt(String key, String nonce, int counter, byte[] plain) {
        ChaCha20 chacha = new ChaCha20();
        chacha.setKey(HEX.parseHex(key), 0);
        byte[] n = HEX.parseHex(nonce);
        byte[] out = new byte[plain.length];
        chacha.xor(counter, le(n, 0), le(n, 4), le(n, 8), plain, 0, plain.length, out, 0);
        return HEX.formatHex(out);
    }

    private static String mac(String key, byte[] message) {
        return HEX.formatHex(Poly1305.mac(HEX.parseHex(key), message));
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
