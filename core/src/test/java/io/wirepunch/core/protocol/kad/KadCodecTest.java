package io.wirepunch.core.protocol.kad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.pb.KadProtos;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kad protobuf: spec field numbers, round trips, and what is refused or dropped. */
class KadCodecTest {
    static final PeerId ALICE = Keys.generateEd25519().publicKey().peerId();
    static final PeerId BOB = Keys.generateEd25519().publicKey().peerId();
    static final Multiaddr ADDR = Multiaddr.parse("/ip4/192.0.2.7/tcp/4001");
    static final Multiaddr ADDR6 = Multiaddr.parse("/ip6/2001:db8::1/tcp/4001");

    @Test
    void fieldNumbersAreTheSpecs() {
        KadMessage m = KadMessage.getProviders(new byte[] {7})
                .withCloserPeers(List.of(new KadPeer(ALICE, List.of(ADDR), KadPeer.Connectedness.CONNECTED)))
                .withRecord(new KadRecord(new byte[] {1}, new byte[] {2}, "t"));
        KadProtos.Message pb = KadCodec.toProto(m);
        byte[] wire = pb.toByteArray();
        // type = 1 (varint): GET_PROVIDERS is 3.
        assertThat(wire[0]).isEqualTo((byte) 0x08);
        assertThat(wire[1]).isEqualTo((byte) 3);
        // key = 2 (bytes).
        assertThat(wire[2]).isEqualTo((byte) 0x12);
        KadProtos.Message.Peer peer = pb.getCloserPeers(0);
        assertThat(KadProtos.Message.Peer.getDescriptor().findFieldByName("addrs").getNumber()).isEqualTo(2);
        assertThat(KadProtos.Message.getDescriptor().findFieldByName("record").getNumber()).isEqualTo(3);
        assertThat(KadProtos.Message.getDescriptor().findFieldByName("closerPeers").getNumber()).isEqualTo(8);
        assertThat(KadProtos.Message.getDescriptor().findFieldByName("providerPeers").getNumber()).isEqualTo(9);
        assertThat(KadProtos.Message.getDescriptor().findFieldByName("clusterLevelRaw").getNumber()).isEqualTo(10);
        assertThat(KadProtos.Record.getDescriptor().findFieldByName("timeReceived").getNumber()).isEqualTo(5);
        assertThat(peer.getConnectionValue()).isEqualTo(1);
        assertThat(peer.getId().toByteArray()).isEqualTo(ALICE.toBytes());
    }

    @Test
    void aFindNodeRequestIsTypeAndTargetOnly() {
        // What go and js send for FIND_NODE: 08 04 12 <len> <peer id bytes>.
        byte[] id = BOB.toBytes();
        byte[] wire = KadCodec.encode(KadMessage.findNode(BOB));
        assertThat(HexFormat.of().formatHex(wire))
                .isEqualTo("0804" + "12" + String.format("%02x", id.length) + HexFormat.of().formatHex(id));
    }

    @Test
    void everyTypeRoundTrips() {
        KadRecord record = new KadRecord("/pk/x".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, "2024-01-01T00:00:00Z");
        List<KadPeer> peers = List.of(new KadPeer(ALICE, List.of(ADDR, ADDR6)), new KadPeer(BOB, List.of(),
                KadPeer.Connectedness.CANNOT_CONNECT));
        for (KadMessage m : List.of(KadMessage.findNode(BOB).withCloserPeers(peers), KadMessage.ping(),
                KadMessage.getProviders(new byte[] {1, 2}).withProviderPeers(peers).withCloserPeers(peers),
                KadMessage.addProvider(new byte[] {9}, new KadPeer(ALICE, List.of(ADDR))),
                KadMessage.getValue(record.key()).withRecord(record), KadMessage.putValue(record))) {
            assertThat(KadCodec.decode(KadCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void anEmptyBodyIsAPutValueWithNothingInIt() {
        // proto3 leaves zero values off the wire: type 0 is PUT_VALUE.
        assertThat(KadCodec.decode(new byte[0])).isEqualTo(KadMessage.of(KadMessage.Type.PUT_VALUE, new byte[0]));
    }

    @Test
    void anUnknownTypeIsRefused() {
        byte[] wire = KadProtos.Message.newBuilder().setTypeValue(6).build().toByteArray();
        assertThatThrownBy(() -> KadCodec.decode(wire)).isInstanceOf(KadException.class)
                .hasMessageContaining("unknown kad message type 6");
        byte[] negative = KadProtos.Message.newBuilder().setTypeValue(-1).build().toByteArray();
        assertThatThrownBy(() -> KadCodec.decode(negative)).isInstanceOf(KadException.class);
    }

    @Test
    void malformedProtobufIsRefused() {
        // Field 2 (bytes) announcing 5 bytes with only 1 present.
        assertThatThrownBy(() -> KadCodec.decode(new byte[] {0x12, 0x05, 0x01})).isInstanceOf(KadException.class)
                .hasMessageContaining("malformed");
        // Wire type 7 does not exist.
        assertThatThrownBy(() -> KadCodec.decode(new byte[] {0x0F})).isInstanceOf(KadException.class);
    }

    @Test
    void aTimeReceivedThatIsNotUtf8IsRefused() {
        // GET_VALUE with a record whose field 5 (string) holds the single byte 0xFF.
        byte[] wire = {0x08, 0x01, 0x1A, 0x03, 0x2A, 0x01, (byte) 0xFF};
        assertThatThrownBy(() -> KadCodec.decode(wire)).isInstanceOf(KadException.class);
    }

    @Test
    void peersAndAddressesThatDoNotParseAreDroppedOneByOne() {
        KadProtos.Message pb = KadProtos.Message.newBuilder().setTypeValue(4)
                .addCloserPeers(KadProtos.Message.Peer.newBuilder().setId(ByteString.copyFrom(new byte[] {0x55, 0x01, 0x00})))
                .addCloserPeers(KadProtos.Message.Peer.newBuilder().setId(ByteString.copyFrom(ALICE.toBytes()))
                        .addAddrs(ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x03}))
                        .addAddrs(ByteString.copyFrom(ADDR.toBytes())))
                .addProviderPeers(KadProtos.Message.Peer.newBuilder().setId(ByteString.copyFrom(BOB.toBytes()))
                        .setConnectionValue(42))
                .build();
        KadMessage m = KadCodec.decode(pb.toByteArray());
        assertThat(m.closerPeers()).containsExactly(new KadPeer(ALICE, List.of(ADDR)));
        assertThat(m.providerPeers()).containsExactly(new KadPeer(BOB, List.of(), KadPeer.Connectedness.NOT_CONNECTED));
    }

    @Test
    void theClusterLevelIsIgnored() {
        byte[] wire = KadProtos.Message.newBuilder().setTypeValue(5).setClusterLevelRaw(3).build().toByteArray();
        assertThat(KadCodec.decode(wire)).isEqualTo(KadMessage.ping());
    }

    @Test
    void theModelCannotBeChangedThroughItsArrays() {
        byte[] key = {1, 2, 3};
        KadMessage m = KadMessage.getProviders(key);
        key[0] = 9;
        m.key()[1] = 9;
        assertThat(m.key()).containsExactly(1, 2, 3);
    }
}
