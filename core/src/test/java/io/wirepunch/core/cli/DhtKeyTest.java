package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Cid;
import io.wirepunch.core.multiformats.Multibase;
import io.wirepunch.core.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DhtKeyTest {
    private static final String EMPTY_DIR_V0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    private static final String EMPTY_DIR_V1 = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354";
    private static final String HELLO_WORLD_RAW = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";

    @Test
    void bothVersionsOfACidAreTheKeyOfTheirMultihash() {
        DhtKey v0 = DhtKey.parse(EMPTY_DIR_V0);
        DhtKey v1 = DhtKey.parse(EMPTY_DIR_V1);
        assertThat(v0.bytes()).isEqualTo(Cid.parse(EMPTY_DIR_V0).multihash().toBytes()).isEqualTo(v1.bytes());
        assertThat(v0.cid()).isEqualTo(EMPTY_DIR_V0);
        assertThat(v1.cid()).isEqualTo(EMPTY_DIR_V1);
        assertThat(DhtKey.parse(Cid.parse(EMPTY_DIR_V1).toString(Multibase.BASE36)).bytes()).isEqualTo(v1.bytes());
    }

    @Test
    void aPeerIdInEitherFormIsTheKeyOfItsBytes() {
        PeerId peer = Keys.generateEd25519().publicKey().peerId();
        assertThat(DhtKey.parse(peer.toBase58()).bytes()).isEqualTo(peer.toBytes());
        assertThat(DhtKey.parse(peer.toCid()).bytes()).isEqualTo(peer.toBytes());
        assertThat(DhtKey.parse(peer.toBase58()).cid()).isEqualTo(peer.toCid());
    }

    @Test
    void otherTextIsTheRawCidOfItsSha256() {
        DhtKey key = DhtKey.parse("hello world");
        assertThat(key.cid()).isEqualTo(HELLO_WORLD_RAW);
        assertThat(key.bytes()).isEqualTo(Cid.parse(HELLO_WORLD_RAW).multihash().toBytes());
        // Short text that happens to start like a CID is still a name.
        assertThat(DhtKey.parse("bar").cid())
                .isEqualTo(Cid.of(Cid.RAW, Multihash.sha256("bar".getBytes(StandardCharsets.UTF_8))).toString());
    }

    @Test
    void identifierShapedTextThatDoesNotDecodeIsRefusedNotHashed() {
        String v0Typo = EMPTY_DIR_V0.substring(0, 45) + "0";
        assertThatThrownBy(() -> DhtKey.parse(v0Typo)).isInstanceOf(CliException.class)
                .hasMessageContaining(v0Typo).hasMessageContaining("invalid base58 character '0'");
        String peer = Keys.generateEd25519().publicKey().peerId().toBase58();
        String peerTypo = peer.substring(0, peer.length() - 1) + "l";
        assertThatThrownBy(() -> DhtKey.parse(peerTypo)).hasMessageContaining("invalid base58 character 'l'");
        String v1Typo = EMPTY_DIR_V1.substring(0, 30) + "1" + EMPTY_DIR_V1.substring(31);
        assertThatThrownBy(() -> DhtKey.parse(v1Typo)).hasMessageContaining("invalid base32 character '1'");
        assertThatThrownBy(() -> DhtKey.parse(" ")).hasMessageContaining("empty");
        // One character short of the shortest identifier: a name.
        assertThat(DhtKey.parse(v0Typo.substring(1)).cid()).startsWith("bafkrei");
    }
}
