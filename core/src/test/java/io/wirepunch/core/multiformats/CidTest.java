package io.wirepunch.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CidTest {
    /** The empty UnixFS directory, as go-ipfs and js-ipfs print it in both versions. */
    private static final String EMPTY_DIR_V0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    private static final String EMPTY_DIR_V1 = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354";
    private static final String EMPTY_DIR_DIGEST = "59948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef";
    /** "hello world" as raw bytes, the CID every IPFS implementation gives it. */
    private static final String HELLO_WORLD_RAW = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";

    @Test
    void v0IsABase58Sha256MultihashWithTheDagPbCodecImplied() {
        Cid cid = Cid.parse(EMPTY_DIR_V0);
        assertThat(cid.version()).isZero();
        assertThat(cid.codec()).isEqualTo(Cid.DAG_PB);
        assertThat(cid.multihash().code()).isEqualTo(Multihash.SHA2_256);
        assertThat(cid.multihash().digest()).isEqualTo(HexFormat.of().parseHex(EMPTY_DIR_DIGEST));
        assertThat(cid.toBytes()).isEqualTo(cid.multihash().toBytes());
        assertThat(cid.toString()).isEqualTo(EMPTY_DIR_V0);
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
    }

    @Test
    void v0AndItsV1FormNameTheSameContentButAreDifferentCids() {
        Cid v0 = Cid.parse(EMPTY_DIR_V0);
        Cid v1 = Cid.parse(EMPTY_DIR_V1);
        assertThat(v0.toV1()).isEqualTo(v1);
        assertThat(v1.toString()).isEqualTo(EMPTY_DIR_V1);
        assertThat(v0).isNotEqualTo(v1);
        assertThat(v0.multihash()).isEqualTo(v1.multihash());
        assertThatThrownBy(() -> v0.toString(Multibase.BASE32)).hasMessageContaining("only in base58btc");
    }

    @Test
    void rawCidOfSha256MatchesTheWellKnownHelloWorld() {
        Multihash hash = Multihash.sha256("hello world".getBytes(StandardCharsets.UTF_8));
        Cid cid = Cid.of(Cid.RAW, hash);
        assertThat(cid.toString()).isEqualTo(HELLO_WORLD_RAW);
        assertThat(Cid.parse(HELLO_WORLD_RAW)).isEqualTo(cid);
        assertThat(Cid.parse(cid.toString(Multibase.BASE36))).isEqualTo(cid);
        assertThat(Cid.parse(cid.toString(Multibase.BASE58BTC))).isEqualTo(cid);
    }

    @Test
    void malformedV0TextIsRefusedByName() {
        // One character changed to one outside the base58 alphabet ('0').
        String bad = EMPTY_DIR_V0.substring(0, 10) + "0" + EMPTY_DIR_V0.substring(11);
        assertThatThrownBy(() -> Cid.parse(bad)).hasMessageContaining("base58");
        assertThatThrownBy(() -> Cid.v0(Multihash.of(Multihash.IDENTITY, new byte[] {1})))
                .hasMessageContaining("must carry a sha2-256 multihash");
        // The v0 bytes behind a multibase prefix are not a CID text form.
        String prefixed = Multibase.BASE58BTC.encode(Cid.parse(EMPTY_DIR_V0).toBytes());
        assertThatThrownBy(() -> Cid.parse(prefixed)).hasMessageContaining("without a multibase prefix");
    }
}
