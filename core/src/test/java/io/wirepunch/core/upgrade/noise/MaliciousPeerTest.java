package io.wirepunch.core.upgrade.noise;

import static io.wirepunch.core.upgrade.noise.NoiseHandshakeHandlerTest.failure;
import static io.wirepunch.core.upgrade.noise.NoiseHandshakeHandlerTest.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A remote that follows Noise correctly but lies in its libp2p payload. */
class MaliciousPeerTest {
    private final PrivateKey honest = Keys.generateEd25519();
    private final PrivateKey liar = Keys.generateEd25519();

    @Test
    void responderWhoseSignatureCoversAnotherStaticKeyIsRejected() throws Exception {
        NoiseHandshakeHandler client = new NoiseHandshakeHandler(true, honest, null, List.of());
        EmbeddedChannel channel = new EmbeddedChannel(client);
        KeyPair noiseStatic = X25519.generateKeyPair();
        HandshakeState remote = new HandshakeState(false, noiseStatic);
        remote.readMessage(unframe(channel.readOutbound()));

        byte[] otherStatic = X25519.publicBytes(X25519.generateKeyPair());
        byte[] lie = HandshakePayloads.encode(liar, otherStatic, List.of());
        channel.writeInbound(frame(remote.writeMessage(lie)));

        assertThat(failure(client)).hasMessageContaining("signature");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void initiatorWithBadSignatureIsRejectedByTheResponder() throws Exception {
        NoiseHandshakeHandler server = new NoiseHandshakeHandler(false, honest, null, List.of());
        EmbeddedChannel channel = new EmbeddedChannel(server);
        KeyPair noiseStatic = X25519.generateKeyPair();
        HandshakeState remote = new HandshakeState(true, noiseStatic);
        channel.writeInbound(frame(remote.writeMessage(new byte[0])));
        remote.readMessage(unframe(channel.readOutbound()));

        byte[] payload = HandshakePayloads.encode(liar, X25519.publicBytes(noiseStatic), List.of());
        payload[payload.length - 1] ^= 0x01; // last byte belongs to the signature
        channel.writeInbound(frame(remote.writeMessage(payload)));

        assertThat(failure(server)).hasMessageContaining("signature");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void responderSendingGarbagePayloadIsRejected() throws Exception {
        NoiseHandshakeHandler client = new NoiseHandshakeHandler(true, honest, null, List.of());
        EmbeddedChannel channel = new EmbeddedChannel(client);
        HandshakeState remote = new HandshakeState(false, X25519.generateKeyPair());
        remote.readMessage(unframe(channel.readOutbound()));
        channel.writeInbound(frame(remote.writeMessage(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F})));

        assertThat(failure(client)).hasMessageContaining("not a valid protobuf");
        channel.finishAndReleaseAll();
    }

    @Test
    void extraHandshakeMessageFromInitiatorIsRejected() throws Exception {
        NoiseHandshakeHandler server = new NoiseHandshakeHandler(false, honest, null, List.of());
        EmbeddedChannel channel = new EmbeddedChannel(server);
        HandshakeState remote = new HandshakeState(true, X25519.generateKeyPair());
        byte[] first = remote.writeMessage(new byte[0]);
        channel.writeInbound(frame(first));
        channel.writeInbound(frame(first)); // message 1 again instead of message 3

        assertThat(failure(server)).isInstanceOf(NoiseException.class);
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    private static byte[] unframe(ByteBuf frame) {
        try {
            int length = frame.readUnsignedShort();
            assertThat(frame.readableBytes()).isEqualTo(length);
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }
}
