package io.wirepunch.core.upgrade.yamux;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream the remote opens is acknowledged at once, even when its handler never writes. */
class YamuxAcknowledgementTest {
    private YamuxTestPair pair;
    private RawYamuxPeer raw;

    @AfterEach
    void tearDown() {
        if (raw != null) {
            raw.channel.close().syncUninterruptibly();
        }
        pair.close();
    }

    @Test
    void silentHandlerStillAcknowledgesTheStream() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        raw = RawYamuxPeer.connect(pair, pair.serverListener.localAddress());

        raw.send(YamuxFrame.windowUpdate(1, YamuxFrame.FLAG_SYN, 0));

        RawYamuxPeer.Seen ack = raw.await(YamuxFrameType.WINDOW_UPDATE);
        assertThat(ack).isNotNull();
        assertThat(ack.streamId()).isEqualTo(1);
        assertThat(ack.has(YamuxFrame.FLAG_ACK)).isTrue();
        assertThat(ack.has(YamuxFrame.FLAG_FIN) || ack.has(YamuxFrame.FLAG_RST)).isFalse();
    }

    @Test
    void streamClosedByItsInitializerSendsOnlyItsAcknowledgingFin() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(Channel::close),
                StreamHandlers.initializer(ch -> { }));
        raw = RawYamuxPeer.connect(pair, pair.serverListener.localAddress());

        raw.send(YamuxFrame.windowUpdate(1, YamuxFrame.FLAG_SYN, 0));
        raw.send(YamuxFrame.ping(YamuxFrame.FLAG_SYN, 77));

        List<RawYamuxPeer.Seen> streamFrames = new ArrayList<>();
        for (RawYamuxPeer.Seen seen = raw.received.poll(5, TimeUnit.SECONDS);
             seen != null && !(seen.type() == YamuxFrameType.PING && seen.length() == 77);
             seen = raw.received.poll(5, TimeUnit.SECONDS)) {
            if (seen.streamId() == 1) {
                streamFrames.add(seen);
            }
        }
        assertThat(streamFrames).singleElement().satisfies(f -> {
            assertThat(f.has(YamuxFrame.FLAG_ACK)).isTrue();
            assertThat(f.has(YamuxFrame.FLAG_FIN)).isTrue();
        });
    }

    @Test
    void streamsToSilentHandlersDoNotExhaustTheUnacknowledgedLimit() throws Exception {
        YamuxConfig twoUnacknowledged = YamuxConfig.builder().maxUnacknowledgedStreams(2).build();
        pair = YamuxTestPair.start(twoUnacknowledged, YamuxConfig.defaults(),
                StreamHandlers.initializer(ch -> { }), StreamHandlers.initializer(ch -> { }));
        assertThat(pair.clientMux.openStream(null).await().cause()).isNull();
        assertThat(pair.clientMux.openStream(null).await().cause()).isNull();

        // The remote's handlers never write: only its ACKs can free the two slots.
        Throwable refused = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            Future<Channel> third = pair.clientMux.openStream(null).await();
            refused = third.cause();
            if (refused != null) {
                Thread.sleep(10);
            }
        } while (refused != null && System.nanoTime() < deadline);
        assertThat(refused).isNull();
    }
}
