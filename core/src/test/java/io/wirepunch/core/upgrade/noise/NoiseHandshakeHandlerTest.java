package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoiseHandshakeHandlerTest {
    private final PrivateKey dialer = Keys.generateEd25519();
    private final PrivateKey listener = Keys.generateEd25519();

    private NoiseHandshakeHandler initiator(PeerId expected) {
        return new NoiseHandshakeHandler(true, dialer, expected, List.of("/yamux/1.0.0"));
    }

    private NoiseHandshakeHandler responder() {
        return new NoiseHandshakeHandler(false, listener, null, List.of("/yamux/1.0.0", "/mplex/6.7.0"));
    }

    @Test
    void handshakeAuthenticatesBothSidesAndCarriesDataBothWays() throws Exception {
        NoiseHandshakeHandler client = initiator(listener.publicKey().peerId());
        NoiseHandshakeHandler server = responder();
        try (EmbeddedWire wire = new EmbeddedWire(client, server)) {
            wire.pump();

            SecureSession atClient = client.completion().toCompletableFuture().getNow(null);
            SecureSession atServer = server.completion().toCompletableFuture().getNow(null);
            assertThat(atClient.remotePeerId()).isEqualTo(listener.publicKey().peerId());
            assertThat(atClient.remoteStreamMuxers()).containsExactly("/yamux/1.0.0", "/mplex/6.7.0");
            assertThat(atServer.remotePeerId()).isEqualTo(dialer.publicKey().peerId());
            assertThat(atServer.remoteIdentityKey().marshal()).isEqualTo(dialer.publicKey().marshal());
            assertThat(atServer.remoteStreamMuxers()).containsExactly("/yamux/1.0.0");
            assertThat(wire.leftApp.events).containsExactly(atClient);
            assertThat(wire.rightApp.events).containsExactly(atServer);
            assertThat(wire.left.pipeline().names()).contains(NoiseHandshakeHandler.FRAME_DECODER_NAME,
                    NoiseHandshakeHandler.CIPHER_HANDLER_NAME);
            assertThat(wire.left.pipeline().get(NoiseHandshakeHandler.class)).isNull();

            exchangeAndCheck(wire, 1);
        }
    }

    @Test
    void oneByteAtATimeDeliveryOfHandshakeAndTransport() throws Exception {
        NoiseHandshakeHandler client = initiator(listener.publicKey().peerId());
        NoiseHandshakeHandler server = responder();
        try (EmbeddedWire wire = new EmbeddedWire(client, server)) {
            wire.pump(1);
            assertThat(client.completion().toCompletableFuture()).isCompleted();
            assertThat(server.completion().toCompletableFuture()).isCompleted();
            exchangeAndCheck(wire, 1);
        }
    }

    @Test
    void dataWrittenDuringHandshakeArrivesWithTheLastHandshakeMessage() throws Exception {
        NoiseHandshakeHandler client = initiator(null);
        NoiseHandshakeHandler server = responder();
        try (EmbeddedWire wire = new EmbeddedWire(client, server)) {
            byte[] early = "sent before the handshake finished".getBytes();
            ChannelFuture write = wire.left.writeAndFlush(Unpooled.wrappedBuffer(early));
            EmbeddedWire.carry(wire.left, wire.right, Integer.MAX_VALUE); // message 1
            EmbeddedWire.carry(wire.right, wire.left, Integer.MAX_VALUE); // message 2
            // message 3 and the first transport frame leave together; deliver them as one read
            ByteBuf joined = Unpooled.buffer();
            ByteBuf part;
            while ((part = wire.left.readOutbound()) != null) {
                joined.writeBytes(part);
                part.release();
            }
            wire.right.writeInbound(joined);

            assertThat(write.isSuccess()).isTrue();
            assertThat(server.completion().toCompletableFuture()).isCompleted();
            assertThat(wire.rightApp.receivedBytes()).isEqualTo(early);
        }
    }

    @Test
    void largeWritesAreSplitAndSmallWritesCoalesced() throws Exception {
        try (EmbeddedWire wire = new EmbeddedWire(initiator(null), responder())) {
            wire.pump();
            byte[] big = random(3 * NoiseCipherHandler.MAX_PLAINTEXT + 1234, 7);
            wire.left.writeAndFlush(Unpooled.wrappedBuffer(big));
            assertThat(wire.left.outboundMessages()).hasSize(4);
            wire.pump();
            assertThat(wire.rightApp.receivedBytes()).isEqualTo(big);

            for (int i = 0; i < 100; i++) {
                wire.right.write(Unpooled.copiedBuffer(new byte[] {(byte) i}));
            }
            wire.right.write(Unpooled.directBuffer().writeBytes(new byte[] {100}));
            wire.right.flush();
            assertThat(wire.right.outboundMessages()).hasSize(1);
            wire.pump();
            byte[] expected = new byte[101];
            for (int i = 0; i <= 100; i++) {
                expected[i] = (byte) i;
            }
            assertThat(wire.leftApp.receivedBytes()).isEqualTo(expected);
        }
    }

    @Test
    void peerIdMismatchIsRejected() {
        PeerId someoneElse = Keys.generateEd25519().publicKey().peerId();
        NoiseHandshakeHandler client = initiator(someoneElse);
        try (EmbeddedWire wire = new EmbeddedWire(client, responder())) {
            wire.pump();
            assertThat(failure(client)).hasMessageContaining("was dialled")
                    .hasMessageContaining(someoneElse.toString());
            assertThat(wire.left.isOpen()).isFalse();
            assertThat(wire.leftApp.events).isEmpty();
        }
    }

    @Test
    void tamperedTransportFrameClosesTheConnection() throws Exception {
        try (EmbeddedWire wire = new EmbeddedWire(initiator(null), responder())) {
            wire.pump();
            wire.left.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4}));
            ByteBuf frame = wire.left.readOutbound();
            frame.setByte(4, frame.getByte(4) ^ 0x01);
            wire.right.writeInbound(frame);
            assertThat(wire.right.isOpen()).isFalse();
            assertThat(wire.rightApp.receivedBytes()).isEmpty();
            assertThat(wire.rightApp.exceptions).singleElement()
                    .isInstanceOf(NoiseException.class)
                    .extracting(Throwable::getMessage).asString().contains("decryption failed");
        }
    }

    @Test
    void transportFrameShorterThanTheTagIsRejected() {
        try (EmbeddedWire wire = new EmbeddedWire(initiator(null), responder())) {
            wire.pump();
            wire.right.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 9, 9, 9}));
            assertThat(wire.right.isOpen()).isFalse();
            assertThat(wire.rightApp.exceptions).singleElement()
                    .extracting(Throwable::getMessage).asString().contains("shorter than the 16-byte tag");
        }
    }

    @Test
    void truncatedSecondMessageIsRejected() {
        NoiseHandshakeHandler client = initiator(null);
        EmbeddedChannel channel = new EmbeddedChannel(client);
        releaseOutbound(channel);
        channel.writeInbound(frame(random(50, 1)));
        assertThat(failure(client)).hasMessageContaining("truncated");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void garbageSecondMessageIsRejected() {
        NoiseHandshakeHandler client = initiator(null);
        EmbeddedChannel channel = new EmbeddedChannel(client);
        releaseOutbound(channel);
        channel.writeInbound(frame(random(400, 2)));
        assertThat(failure(client)).hasMessageContaining("decryption failed");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void smallOrderEphemeralKeyIsRejected() {
        NoiseHandshakeHandler server = responder();
        EmbeddedChannel channel = new EmbeddedChannel(server);
        channel.writeInbound(frame(new byte[32])); // u = 0: every shared secret would be zero
        assertThat(failure(server)).hasMessageContaining("X25519");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void stalledOrOversizeAnnouncementTimesOutWithoutGrowing() {
        NoiseHandshakeHandler client = new NoiseHandshakeHandler(true, dialer, null, List.of(), Duration.ofMillis(200));
        EmbeddedChannel channel = new EmbeddedChannel(client);
        releaseOutbound(channel);
        // announces a maximal 65535-byte message but sends 3 bytes of it
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}));
        assertThat(client.completion().toCompletableFuture()).isNotDone();
        channel.advanceTimeBy(201, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failure(client)).hasMessageContaining("timed out after 200 ms");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void writesHeldDuringAFailedHandshakeAreFailedAndReleased() {
        NoiseHandshakeHandler client = initiator(null);
        EmbeddedChannel channel = new EmbeddedChannel(client);
        releaseOutbound(channel);
        ChannelFuture write = channel.writeAndFlush(Unpooled.copiedBuffer(new byte[] {1}));
        channel.close();
        assertThat(write.isDone() && !write.isSuccess()).isTrue();
        assertThat(failure(client)).hasMessageContaining("closed during the Noise handshake");
        channel.finishAndReleaseAll();
    }

    private static void exchangeAndCheck(EmbeddedWire wire, int chunk) {
        byte[] toServer = random(200_000, 3);
        byte[] toClient = random(70_000, 4);
        wire.left.writeAndFlush(Unpooled.wrappedBuffer(toServer));
        wire.right.writeAndFlush(Unpooled.wrappedBuffer(toClient));
        wire.pump(chunk == 1 ? 4096 : chunk);
        assertThat(wire.rightApp.receivedBytes()).isEqualTo(toServer);
        assertThat(wire.leftApp.receivedBytes()).isEqualTo(toClient);
    }

    static Throwable failure(NoiseHandshakeHandler handler) {
        CompletableFuture<SecureSession> future = handler.completion().toCompletableFuture();
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
            throw new AssertionError("unreachable");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(NoiseException.class);
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void releaseOutbound(EmbeddedChannel channel) {
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            out.release();
        }
    }

    static ByteBuf frame(byte[] message) {
        return Unpooled.buffer().writeShort(message.length).writeBytes(message);
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
