package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Handshake and data both ways over a real TCP connection, with each end on its own thread. */
class NoiseLoopbackTest {
    private static final long BYTES = 4L * 1024 * 1024 + 777;

    @Test
    void securesARealConnectionAndMovesDataBothWays() throws Exception {
        PrivateKey dialerKey = Keys.generateEd25519();
        PrivateKey listenerKey = Keys.generateEd25519();
        byte[] noise = new byte[BulkTransfer.CHUNK];
        new Random(5).nextBytes(noise);
        ByteBuf pattern = Unpooled.directBuffer(noise.length).writeBytes(noise);
        NoiseHandshakeHandler[] handshakes = new NoiseHandshakeHandler[2];
        BulkTransfer[] apps = {new BulkTransfer(BYTES, BYTES, pattern, true), new BulkTransfer(BYTES, BYTES, pattern, true)};
        try (LoopbackConnection connection = new LoopbackConnection(
                () -> new ChannelHandler[] {handshakes[0] = new NoiseHandshakeHandler(
                        true, dialerKey, listenerKey.publicKey().peerId(), List.of()), apps[0]},
                () -> new ChannelHandler[] {handshakes[1] = new NoiseHandshakeHandler(
                        false, listenerKey, null, List.of()), apps[1]})) {
            SecureSession atDialer = handshakes[0].completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
            SecureSession atListener = handshakes[1].completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(atDialer.remotePeerId()).isEqualTo(listenerKey.publicKey().peerId());
            assertThat(atListener.remotePeerId()).isEqualTo(dialerKey.publicKey().peerId());

            assertThat(apps[0].received.get(30, TimeUnit.SECONDS)).isEqualTo(BYTES);
            assertThat(apps[1].received.get(30, TimeUnit.SECONDS)).isEqualTo(BYTES);
            connection.dialer.eventLoop().submit(() -> { }).sync();
            connection.listener.eventLoop().submit(() -> { }).sync();
            assertThat(apps[1].receivedHash()).isEqualTo(apps[0].sentHash());
            assertThat(apps[0].receivedHash()).isEqualTo(apps[1].sentHash());
        } finally {
            pattern.release();
        }
    }
}
