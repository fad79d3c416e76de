package io.wirepunch.core.protocol.relay;

import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.get;
import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.wirepunch.core.upgrade.yamux.StreamHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the relay refuses: circuits over circuits, malformed and unexpected hop messages. */
class RelayRefusalsTest {
    private final RelayNet net = new RelayNet();

    @AfterEach
    void close() throws Exception {
        net.close();
    }

    /** Sends raw bytes on a fresh hop stream to the relay; returns its answer once the relay ended the stream. */
    private static HopMessage hopExchange(Connection toRelay, ByteBuf request) throws Exception {
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        Stream s = get(toRelay.newStream(st -> st.channel().pipeline().addLast(collector), RelayProtocol.HOP_ID));
        s.channel().writeAndFlush(request);
        byte[] answer = collector.finished.get(10, TimeUnit.SECONDS);
        ByteBuf in = Unpooled.wrappedBuffer(answer);
        int length = Varint.readLength(in, RelayProtocol.MAX_MESSAGE_BYTES);
        assertThat(in.readableBytes()).as("the answer is one message and nothing after it").isEqualTo(length);
        // The relay ended the stream after its answer (the collector saw its FIN); we end ours.
        assertThat(((io.netty.channel.socket.DuplexChannel) s.channel()).isInputShutdown()).isTrue();
        s.channel().close();
        byte[] body = new byte[length];
        in.readBytes(body);
        return HopMessage.parseFrom(body);
    }

    private static ByteBuf framed(HopMessage m) {
        return RelayMessages.frame(io.netty.buffer.ByteBufAllocator.DEFAULT, m);
    }

    @Test
    void malformedHopMessagesGetAClearStatusAndAClosedStream() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer b = net.peer();
        Connection toRelay = get(b.node().host().connect(r.addr()));

        ByteBuf garbage = Unpooled.buffer().writeByte(4).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThat(hopExchange(toRelay, garbage).getStatus()).isEqualTo(Status.MALFORMED_MESSAGE);

        ByteBuf oversize = Unpooled.buffer();
        Varint.write(oversize, RelayProtocol.MAX_MESSAGE_BYTES + 1);
        assertThat(hopExchange(toRelay, oversize).getStatus()).isEqualTo(Status.MALFORMED_MESSAGE);

        HopMessage connectWithoutPeer = HopMessage.newBuilder().setType(HopMessage.Type.CONNECT).build();
        assertThat(hopExchange(toRelay, framed(connectWithoutPeer)).getStatus()).isEqualTo(Status.MALFORMED_MESSAGE);

        assertThat(hopExchange(toRelay, framed(RelayMessages.hopStatus(Status.OK))).getStatus())
                .isEqualTo(Status.UNEXPECTED_MESSAGE);
        // The connection itself is unharmed.
        assertThat(toRelay.isOpen()).isTrue();
        assertThat(hopExchange(toRelay, framed(RelayMessages.reserve())).getStatus()).isEqualTo(Status.OK);
    }

    @Test
    void noCircuitOverACircuit() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        // x is a relay too, but reachable only through r
        RelayNet.Peer x = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(x.client().reserve(r.addr()));
        get(a.client().reserve(r.addr()));
        Multiaddr xThroughR = r.addr().encapsulate("/p2p-circuit").withPeerId(x.id());
        Connection toX = get(b.node().host().connect(xThroughR));
        assertThat(toX.isRelayed()).isTrue();

        // The relay refuses both requests when they come over a relayed connection...
        assertThat(hopExchange(toX, framed(RelayMessages.reserve())).getStatus()).isEqualTo(Status.PERMISSION_DENIED);
        assertThat(hopExchange(toX, framed(RelayMessages.connect(a.id()))).getStatus()).isEqualTo(Status.PERMISSION_DENIED);
        assertThat(x.events()).anyMatch(e -> e instanceof RelayEvent.ReservationRefused f && f.status() == Status.PERMISSION_DENIED);
        assertThat(x.events()).anyMatch(e -> e instanceof RelayEvent.CircuitRefused f && f.status() == Status.PERMISSION_DENIED);

        // ...and the client does not even ask.
        assertThatThrownBy(() -> get(b.client().reserve(x.addr().decapsulate(x.addr()).encapsulate("/p2p/" + x.id()))))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.PERMISSION_DENIED));
        Multiaddr aThroughXThroughR = Multiaddr.parse("/p2p/" + x.id() + "/p2p-circuit/p2p/" + a.id());
        assertThatThrownBy(() -> get(b.client().dial(aThroughXThroughR, a.id())))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.PERMISSION_DENIED));
    }

    @Test
    void aTargetThatRefusesTheStopStreamFailsTheConnect() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        a.client().stop(); // a no longer speaks the stop protocol
        assertThatThrownBy(() -> get(b.node().host().connect(r.addr().encapsulate("/p2p-circuit").withPeerId(a.id()))))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.CONNECTION_FAILED));
        await().atMost(Duration.ofSeconds(5)).until(() -> r.service().snapshot().circuits().isEmpty());
    }

    @Test
    void aCircuitAddressWithoutARelayIsRefusedClearly() throws Exception {
        RelayNet.Peer b = net.peer();
        RelayNet.Peer a = net.peer();
        assertThatThrownBy(() -> get(b.client().dial(Multiaddr.parse("/p2p-circuit/p2p/" + a.id()), a.id())))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("names its relay");
    }

    @Test
    void aHopStreamThatSendsNothingIsResetAfterTheHandshakeTimeout() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        RelayNet.Peer b = net.peer();
        Connection toRelay = get(b.node().host().connect(r.addr()));
        Stream s = get(toRelay.newStream(st -> { }, RelayProtocol.HOP_ID));
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.channel().isOpen());
        assertThat(((io.wirepunch.core.upgrade.yamux.YamuxStreamChannel) s.channel()).isReset()).isTrue();
        assertThat(toRelay.isOpen()).isTrue();
    }
}
