package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.multiformats.Multibase;
import org.junit.jupiter.api.Test;

class PeerIdTextTest {
    private static final String ED25519_PEER = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    @Test
    void specExampleCidAndBase58NameTheSamePeer() {
        PeerId fromCid = PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        assertThat(fromCid.toBase58()).isEqualTo("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertThat(fromCid.toCid()).isEqualTo("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        assertThat(PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA").inlinedPublicKey()).isPresent();
    }

    @Test
    void base36AndBase58CidsAreAcceptedAndPrinted() {
        PeerId id = PeerId.parse(ED25519_PEER);
        String base36 = "k51qzi5uqu5dgy8qsq67hbz73jqkw87l3fgf4a91qb0d9b5173tir7n4vxk1oe";
        String base58 = "z5AanNVJCxnGuh8TJu4nye3dE3NbxAd8FB9cr46uVagyFPuibMxok2R";
        assertThat(PeerId.parse(base36)).isEqualTo(id);
        assertThat(PeerId.parse(base58)).isEqualTo(id);
        assertThat(id.toCid(Multibase.BASE36)).isEqualTo(base36);
        assertThat(id.toCid(Multibase.BASE58BTC)).isEqualTo(base58);
    }

    @Test
    void cidsThatDoNotNameAPeerAreRefused() {
        // The same multihash under the dag-pb codec (0x70) is content, not a peer.
        assertThatThrownBy(() -> PeerId.parse("bafyaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("is not libp2p-key");
        assertThatThrownBy(() -> PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqx"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a PeerId CID");
        assertThatThrownBy(() -> PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xq1e"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("invalid base32 character '1'");
        assertThatThrownBy(() -> PeerId.parse("Bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a PeerId");
        assertThatThrownBy(() -> PeerId.parse("")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> PeerId.parse("b")).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("no data");
    }
}
