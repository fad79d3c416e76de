package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk handler on an in-memory duplex channel whose flush drains everything at once: writability
 * then flips back and forth inside the handler's own writes and flushes, as it does on a Yamux stream
 * whose peer granted a large window.
 */
class BulkHandlerTest {
    private static final int MIB = 1024 * 1024;

    private final DuplexEmbeddedChannel channel = new DuplexEmbeddedChannel();

    @AfterEach
    void releaseLeftovers() {
        channel.finishAndReleaseAll();
    }

    @Test
    void responderSendsEachPatternByteOnceWhenWritabilityFlipsInsideItsWrites() throws Exception {
        BulkHandler responder = BulkHandler.responder();
        channel.pipeline().addLast(responder);

        channel.writeInbound(Unpooled.copyLong(MIB));

        byte[] sent = drainOutbound();
        assertThat(sent.length).isEqualTo(MIB);
        assertThat(Arrays.mismatch(sent, JsPeer.pattern(0, MIB))).as("first wrong byte").isEqualTo(-1);
        assertThat(channel.outputShutdownRequests).isEqualTo(1);
    }

    @Test
    void diallerSendsItsCountThenEachPatternByteOnce() throws Exception {
        BulkHandler dialler = BulkHandler.dialler(MIB);
        channel.pipeline().addLast(dialler);

        byte[] sent = drainOutbound();
        assertThat(sent.length).isEqualTo(8 + MIB);
        assertThat(Unpooled.wrappedBuffer(sent).getLong(0)).isEqualTo(MIB);
        assertThat(Arrays.mismatch(sent, 8, sent.length, JsPeer.pattern(0, MIB), 0, MIB)).as("first wrong byte")
                .isEqualTo(-1);
    }

    @Test
    void finishesOnlyOnceItsFinLeftEvenWhenTheRemoteFinishedFirst() throws Exception {
        channel.holdFin = true;
        BulkHandler dialler = BulkHandler.dialler(64 * 1024);
        channel.pipeline().addLast(dialler);
        channel.writeInbound(Unpooled.wrappedBuffer(JsPeer.pattern(0, 1000)));

        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        // Closing now would drop whatever of our data the stream still holds.
        assertThat(dialler.outcome()).isNotDone();
        assertThat(channel.isOpen()).isTrue();

        channel.releaseFin();
        assertThat(dialler.outcome()).isCompleted();
        assertThat(dialler.outcome().join().received()).isEqualTo(1000);
        assertThat(channel.isOpen()).isFalse();
    }

    private byte[] drainOutbound() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /**
     * An embedded channel with half-close. Its small water marks make a few 32 KiB chunks turn it
     * unwritable, and each flush empties it, which turns it writable again within the same call.
     */
    private static final class DuplexEmbeddedChannel extends EmbeddedChannel implements DuplexChannel {
        boolean holdFin;
        int outputShutdownRequests;
        private ChannelPromise heldFin;
        private boolean outputShutdown;
        private boolean inputShutdown;

        DuplexEmbeddedChannel() {
            config().setWriteBufferWaterMark(new WriteBufferWaterMark(64 * 1024, 128 * 1024));
        }

        void releaseFin() {
            ChannelPromise fin = heldFin;
            heldFin = null;
            fin.setSuccess();
        }

        @Override
        public boolean isInputShutdown() {
            return inputShutdown;
        }

        @Override
        public ChannelFuture shutdownInput() {
            return shutdownInput(newPromise());
        }

        @Override
        public ChannelFuture shutdownInput(ChannelPromise promise) {
            inputShutdown = true;
            return promise.setSuccess();
        }

        @Override
        public boolean isOutputShutdown() {
            return outputShutdown;
        }

        @Override
        public ChannelFuture shutdownOutput() {
            return shutdownOutput(newPromise());
        }

        @Override
        public ChannelFuture shutdownOutput(ChannelPromise promise) {
            outputShutdownRequests++;
            outputShutdown = true;
            if (holdFin) {
                heldFin = promise;
                return promise;
            }
            return promise.setSuccess();
        }

        @Override
        public boolean isShutdown() {
            return inputShutdown && outputShutdown;
        }

        @Override
        public ChannelFuture shutdown() {
            return shutdown(newPromise());
        }

        @Override
        public ChannelFuture shutdown(ChannelPromise promise) {
            shutdownInput();
            return shutdownOutput(promise);
        }
    }
}
