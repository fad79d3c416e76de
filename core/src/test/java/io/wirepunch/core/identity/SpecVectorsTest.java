package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key test vectors of the libp2p peer-ids spec, for every key type. The expected PeerIds were
 * computed outside this code base (SHA-256 and base58 by hand) from the spec's public keys.
 */
class SpecVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ED25519, 080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e,"
                + " 080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e,"
                + " 12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq, bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6",
        "SECP256K1, 0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB,"
                + " 08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99,"
                + " 16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY, bafzaajiiaijcca3xo7uzjzcsyilaj6i54cj44qk7kqzpoao5rti2pjx6udtdbp6kte",
        "ECDSA, 08031279307702010104203E5B1FE9712E6C314942A750BD67485DE3C1EFE85B1BFB520AE8F9AE3DFA4A4CA00A06082A8648CE3D030107A14403420004DE3D300FA36AE0E8F5D530899D83ABAB44ABF3161F162A4BC901D8E6ECDA020E8B6D5F8DA30525E71D6851510C098E5C47C646A597FB4DCEC034E9F77C409E62,"
                + " 0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62,"
                + " QmVMT29id3TUASyfZZ6k9hmNyc2nYabCo4uMSpDw4zrgDk, bafzbeidigywdclqvl5hxfefwp5onbffcfife7pza57mmfb4tiqmtkdjw64",
        "RSA, @spec-rsa-private.hex, @spec-rsa-public.hex,"
                + " QmaeANgBs1DTSxWSrPPtobgQuxW8XTfsS4ydbK4rCHzqxG, bafzbeifwzcumbiyql7bhv7fe7mixg6i7aohegq75k234m63bnw6dbicmzu",
    })
    void privateKeyGivesThePublicKeyAndPeerIdOfTheSpec(KeyType type, String privateHex, String publicHex,
            String peerIdBase58, String peerIdCid) throws IOException {
        byte[] privateBytes = hex(privateHex);
        byte[] publicBytes = hex(publicHex);

        PrivateKey key = Keys.unmarshalPrivate(privateBytes);
        PublicKey pub = Keys.unmarshalPublic(publicBytes);

        assertThat(key.type()).isEqualTo(type);
        assertThat(pub.type()).isEqualTo(type);
        assertThat(key.publicKey()).isEqualTo(pub);
        assertThat(pub.marshal()).isEqualTo(publicBytes);
        assertThat(key.marshal()).isEqualTo(privateBytes);
        assertThat(pub.peerId().toBase58()).isEqualTo(peerIdBase58);
        assertThat(pub.peerId().toCid()).isEqualTo(peerIdCid);
        assertThat(PeerId.parse(peerIdCid)).isEqualTo(pub.peerId());
        assertThat(PeerId.parse(peerIdBase58).matches(pub)).isTrue();

        byte[] message = "libp2p spec vector".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        assertThat(pub.verify(message, signature)).isTrue();
        assertThat(pub.verify("libp2p spec vectoR".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(key.toString()).contains(peerIdBase58).doesNotContainIgnoringCase(HexFormat.of().formatHex(privateBytes, 8, 24));
    }

    @ParameterizedTest
    @CsvSource({"ED25519, true", "SECP256K1, true", "ECDSA, false", "RSA, false"})
    void smallKeysAreInlinedAndLargeOnesHashed(KeyType type, boolean inlined) throws IOException {
        String publicHex = switch (type) {
            case ED25519 -> "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
            case SECP256K1 -> "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
            case ECDSA -> "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";
            case RSA -> "@spec-rsa-public.hex";
        };
        PublicKey pub = Keys.unmarshalPublic(hex(publicHex));
        assertThat(pub.peerId().inlinedPublicKey().isPresent()).isEqualTo(inlined);
        pub.peerId().inlinedPublicKey().ifPresent(k -> assertThat(k).isEqualTo(pub));
    }

    static byte[] hex(String valueOrResource) throws IOException {
        if (!valueOrResource.startsWith("@")) {
            return HexFormat.of().parseHex(valueOrResource);
        }
        try (InputStream in = SpecVectorsTest.class.getResourceAsStream(valueOrResource.substring(1))) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
