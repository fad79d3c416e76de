package io.wirepunch.core.holepunch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.DcutrWireException;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class DcutrStreamTest {
    private static final HolePunchMessage CONNECT = HolePunchMessage.connect(List.of(Multiaddr.parse("/ip4/198.51.100.2/tcp/4001")));

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void messagesThatArriveEarlyWaitInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel();
        DcutrStream s = DcutrStream.install(ch);
        ch.writeInbound(CONNECT.frame(ch.alloc()), HolePunchMessage.sync().frame(ch.alloc()));

        CompletableFuture<HolePunchMessage> first = s.receive(Duration.ofSeconds(1)).toCompletableFuture();
        CompletableFuture<HolePunchMessage> second = s.receive(Duration.ofSeconds(1)).toCompletableFuture();
        ch.runPendingTasks();

        assertThat(first.join()).isEqualTo(CONNECT);
        assertThat(second.join().type()).isEqualTo(HolePunchMessage.Type.SYNC);
        ch.finishAndReleaseAll();
    }

    @Test
    void aFloodOfUnreadMessagesEndsTheStream() {
        EmbeddedChannel ch = new EmbeddedChannel();
        DcutrStream s = DcutrStream.install(ch);
        for (int i = 0; i <= DcutrStream.MAX_QUEUED; i++) {
            ch.writeInbound(CONNECT.frame(ch.alloc()));
        }

        assertThat(ch.isActive()).isFalse();
        CompletableFuture<HolePunchMessage> next = s.receive(Duration.ofSeconds(1)).toCompletableFuture();
        ch.runPendingTasks();
        // What was queued before the flood is still read; then the stream's end is reported.
        for (int i = 0; i < DcutrStream.MAX_QUEUED; i++) {
            assertThat(next.join()).isEqualTo(CONNECT);
            next = s.receive(Duration.ofSeconds(1)).toCompletableFuture();
            ch.runPendingTasks();
        }
        assertThat(failure(next)).isInstanceOf(DcutrWireException.class).hasMessageContaining("unanswered");
        ch.finishAndReleaseAll();
    }

    @Test
    void silenceTimesOut() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        DcutrStream s = DcutrStream.install(ch);
        CompletableFuture<HolePunchMessage> next = s.receive(Duration.ofMillis(20)).toCompletableFuture();
        ch.runPendingTasks();
        Thread.sleep(40);
        ch.runScheduledPendingTasks();

        assertThat(failure(next)).isInstanceOf(DcutrTimeoutException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizeMessageIsRefusedWithAClearError() {
        EmbeddedChannel ch = new EmbeddedChannel();
        DcutrStream s = DcutrStream.install(ch);
        CompletableFuture<HolePunchMessage> next = s.receive(Duration.ofSeconds(1)).toCompletableFuture();
        ch.runPendingTasks();
        io.netty.buffer.ByteBuf huge = ch.alloc().buffer();
        io.wirepunch.core.multiformats.Varint.write(huge, 5000);
        huge.writeZero(5000);
        ch.writeInbound(huge);

        assertThat(failure(next)).isInstanceOf(DcutrWireException.class);
        assertThat(ch.isActive()).isFalse();
        ch.finishAndReleaseAll();
    }
}
