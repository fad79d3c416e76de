package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A hand-driven peer breaks the protocol; the session must answer GoAway(protocol error) and close. */
class YamuxProtocolErrorTest {
    private YamuxTestPair pair;
    private RawYamuxPeer raw;

    @BeforeEach
    void connect() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        raw = RawYamuxPeer.connect(pair, pair.serverListener.localAddress());
    }

    @AfterEach
    void tearDown() {
        raw.channel.close().syncUninterruptibly();
        pair.close();
    }

    @Test
    void pingIsAnsweredWithTheSameOpaqueValue() throws Exception {
        raw.send(YamuxFrame.ping(YamuxFrame.FLAG_SYN, 0xDEADBEEFL));
        RawYamuxPeer.Seen pong;
        do {
            pong = raw.await(YamuxFrameType.PING);
        } while (pong != null && !pong.has(YamuxFrame.FLAG_ACK));
        assertThat(pong).isNotNull();
        assertThat(pong.length()).isEqualTo(0xDEADBEEFL);
    }

    @Test
    void streamWithTheWrongParityIsAProtocolError() throws Exception {
        raw.send(YamuxFrame.windowUpdate(2, YamuxFrame.FLAG_SYN, 0));
        assertProtocolErrorAndClose();
    }

    @Test
    void reusedStreamIdIsAProtocolError() throws Exception {
        raw.send(YamuxFrame.windowUpdate(1, YamuxFrame.FLAG_SYN, 0));
        raw.send(YamuxFrame.windowUpdate(1, YamuxFrame.FLAG_SYN, 0));
        assertProtocolErrorAndClose();
    }

    @Test
    void frameForAStreamNeverOpenedIsAProtocolError() throws Exception {
        raw.send(YamuxFrame.data(9, 0, Unpooled.wrappedBuffer(new byte[10])));
        assertProtocolErrorAndClose();
    }

    @Test
    void badVersionIsAProtocolError() throws Exception {
        raw.sendBytes(Unpooled.wrappedBuffer(new byte[] {1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertProtocolErrorAndClose();
    }

    @Test
    void unknownTypeIsAProtocolError() throws Exception {
        raw.sendBytes(Unpooled.wrappedBuffer(new byte[] {0, 7, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0}));
        assertProtocolErrorAndClose();
    }

    @Test
    void dataFrameLongerThanAnyWindowIsAProtocolError() throws Exception {
        raw.sendBytes(Unpooled.buffer(12).writeByte(0).writeByte(0).writeShort(YamuxFrame.FLAG_SYN).writeInt(1)
                .writeInt(YamuxConfig.DEFAULT_MAX_STREAM_WINDOW + 1));
        assertProtocolErrorAndClose();
    }

    private void assertProtocolErrorAndClose() throws InterruptedException {
        RawYamuxPeer.Seen goAway = raw.await(YamuxFrameType.GO_AWAY);
        assertThat(goAway).isNotNull();
        assertThat(goAway.length()).isEqualTo(YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
        assertThat(raw.channel.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }
}
