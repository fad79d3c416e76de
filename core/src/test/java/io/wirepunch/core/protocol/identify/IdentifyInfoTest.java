package io.wirepunch.core.protocol.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Decoding an identify message from a given sender: what is kept, what is dropped, what is refused. */
class IdentifyInfoTest {
    private final PrivateKey senderKey = Keys.generateEd25519();
    private final PeerId sender = senderKey.publicKey().peerId();
    private final Multiaddr good1 = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
    private final Multiaddr good2 = Multiaddr.parse("/ip6/::1/tcp/4002");
    private final Multiaddr observed = Multiaddr.parse("/ip4/127.0.0.1/tcp/50000");

    private IdentifyProtos.Identify.Builder message() {
        return IdentifyProtos.Identify.newBuilder()
                .setAgentVersion("peer/1.0")
                .setProtocolVersion(IdentifyProtocol.PROTOCOL_VERSION)
                .addProtocols(IdentifyProtocol.ID)
                .addProtocols("/ipfs/ping/1.0.0")
                .setPublicKey(ByteString.copyFrom(senderKey.publicKey().marshal()));
    }

    @Test
    void aWellFormedMessageRoundTrips() {
        IdentifyInfo info = new IdentifyInfo("peer/1.0", IdentifyProtocol.PROTOCOL_VERSION,
                List.of(IdentifyProtocol.ID, IdentifyProtocol.PUSH_ID), List.of(good1, good2),
                Optional.of(observed), Optional.of(senderKey.publicKey()));
        IdentifyInfo decoded = IdentifyInfo.fromProto(info.toProto(), sender);
        assertThat(decoded).isEqualTo(info);
    }

    @Test
    void unparsableListenAddressesAreSkippedOneByOneAndTheGoodOnesKept() {
        byte[] truncated = Arrays.copyOf(good1.toBytes(), good1.toBytes().length - 1);
        byte[] unknownCode = {(byte) 0xFF, (byte) 0xFF, 0x03, 1, 2, 3};
        IdentifyProtos.Identify pb = message()
                .addListenAddrs(ByteString.copyFrom(new byte[] {0x00}))
                .addListenAddrs(ByteString.copyFrom(good1.toBytes()))
                .addListenAddrs(ByteString.copyFrom(truncated))
                .addListenAddrs(ByteString.copyFrom(unknownCode))
                .addListenAddrs(ByteString.copyFrom(good2.toBytes()))
                .addListenAddrs(ByteString.EMPTY)
                .setObservedAddr(ByteString.copyFrom(truncated))
                .build();
        IdentifyInfo info = IdentifyInfo.fromProto(pb, sender);
        assertThat(info.listenAddrs()).containsExactly(good1, good2);
        assertThat(info.observedAddr()).isEmpty();
        assertThat(info.protocols()).containsExactly(IdentifyProtocol.ID, "/ipfs/ping/1.0.0");
        assertThat(info.agentVersion()).isEqualTo("peer/1.0");
    }

    @Test
    void aPublicKeyThatIsNotTheSendersRefusesTheWholeMessage() {
        PrivateKey other = Keys.generateEd25519();
        IdentifyProtos.Identify pb = message().setPublicKey(ByteString.copyFrom(other.publicKey().marshal()))
                .addListenAddrs(ByteString.copyFrom(good1.toBytes())).build();
        assertThatThrownBy(() -> IdentifyInfo.fromProto(pb, sender))
                .isInstanceOf(IdentifyException.class)
                .hasMessageContaining("another peer's public key");
    }

    @Test
    void aPublicKeyThatDoesNotDecodeRefusesTheWholeMessage() {
        IdentifyProtos.Identify pb = message().setPublicKey(ByteString.copyFrom(new byte[] {0x08, 0x01, 0x12, 0x03, 1, 2, 3}))
                .build();
        assertThatThrownBy(() -> IdentifyInfo.fromProto(pb, sender))
                .isInstanceOf(IdentifyException.class)
                .hasMessageContaining("bad public key");
    }

    @Test
    void aMessageWithoutAPublicKeyIsAccepted() {
        IdentifyInfo info = IdentifyInfo.fromProto(message().clearPublicKey().build(), sender);
        assertThat(info.publicKey()).isEmpty();
        assertThat(info.protocols()).contains(IdentifyProtocol.ID);
    }
}
