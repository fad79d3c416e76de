package io.wirepunch.core.protocol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Direction;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.ping.PingInitiator;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.wirepunch.core.upgrade.yamux.StreamHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A relay R and peers A, B on loopback: reservations, circuits, limits, refusals. */
class RelayLoopbackTest {
    private static final RelayConfig ROOMY = RelayConfig.defaults()
            .withCircuitLimit(new CircuitLimit(Duration.ofMinutes(2), 8L << 20));
    private final RelayNet net = new RelayNet();

    @AfterEach
    void close() throws Exception {
        net.close();
    }

    static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    static Status statusOf(Throwable thrown) {
        Throwable t = thrown;
        while (t != null && !(t instanceof RelayException)) {
            t = t.getCause();
        }
        assertThat(t).as("a RelayException in %s", thrown).isNotNull();
        return ((RelayException) t).status();
    }

    @Test
    void aReservesThenBConnectsThroughTheRelayAndPings() throws Exception {
        RelayNet.Peer r = net.relay(ROOMY);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();

        RelayReservation reservation = get(a.client().keepReserved(r.addr()));
        assertThat(reservation.relay()).isEqualTo(r.id());
        assertThat(reservation.expiry()).isEqualTo(FakeClock.START.plus(RelayConfig.DEFAULT_RESERVATION_TTL));
        assertThat(reservation.voucher()).get().satisfies(v -> {
            assertThat(v.relay()).isEqualTo(r.id());
            assertThat(v.peer()).isEqualTo(a.id());
        });
        assertThat(reservation.limit()).isEqualTo(ROOMY.circuitLimit());
        Multiaddr circuit = r.addr().encapsulate("/p2p-circuit");
        assertThat(reservation.circuitAddrs()).contains(circuit);
        assertThat(a.node().host().advertisedAddrs()).contains(circuit);

        Connection c = get(b.node().host().connect(circuit.withPeerId(a.id())));
        assertThat(c.isRelayed()).isTrue();
        assertThat(c.relay()).contains(r.id());
        assertThat(c.remotePeer()).isEqualTo(a.id());
        assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
        PingInitiator ping = get(b.node().ping().open(c));
        assertThat(get(ping.ping())).isPositive();

        await().atMost(Duration.ofSeconds(5)).until(() -> a.node().host().connections().connections(b.id()).stream()
                .anyMatch(x -> x.isRelayed() && x.direction() == Direction.INBOUND));
        assertThat(r.service().snapshot().circuits()).singleElement().satisfies(v -> {
            assertThat(v.source()).isEqualTo(b.id());
            assertThat(v.destination()).isEqualTo(a.id());
        });
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.CircuitOpened o && o.destination().equals(a.id()));
    }

    @Test
    void aMebibyteCrossesTheCircuitByteExactBothWays() throws Exception {
        RelayNet.Peer r = net.relay(ROOMY);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(r.addr().encapsulate("/p2p-circuit").withPeerId(a.id())));

        byte[] payload = new byte[1 << 20];
        new Random(7).nextBytes(payload);
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        Stream s = get(c.newStream(st -> st.channel().pipeline().addLast(collector), RelayNet.ECHO));
        for (int off = 0; off < payload.length; off += 16384) {
            s.channel().write(Unpooled.copiedBuffer(payload, off, 16384));
        }
        s.channel().flush();
        ((DuplexChannel) s.channel()).shutdownOutput();
        byte[] echoed = collector.finished.get(30, TimeUnit.SECONDS);
        assertThat(echoed).hasSize(payload.length);
        assertThat(echoed).isEqualTo(payload);
        RelaySnapshot snap = r.service().snapshot();
        assertThat(snap.bytesRelayed()).isGreaterThan(2L << 20);
        assertThat(snap.circuits().get(0).sourceToDestinationBytes()).isGreaterThan(1L << 20);
        assertThat(snap.circuits().get(0).destinationToSourceBytes()).isGreaterThan(1L << 20);
    }

    @Test
    void aTargetWithoutReservationIsNoReservation() throws Exception {
        RelayNet.Peer r = net.relay(ROOMY);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        Multiaddr toA = r.addr().encapsulate("/p2p-circuit").withPeerId(a.id());
        assertThatThrownBy(() -> get(b.node().host().connect(toA)))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.NO_RESERVATION));
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.CircuitRefused f && f.status() == Status.NO_RESERVATION);
        assertThat(r.service().snapshot().circuits()).isEmpty();
    }

    @Test
    void aDestinationThatStopsReadingHoldsTheSourceBackInsteadOfFillingTheRelay() throws Exception {
        RelayNet.Peer r = net.relay(ROOMY);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(r.addr().encapsulate("/p2p-circuit").withPeerId(a.id())));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.node().host().connections().get(b.id()).isPresent());
        Connection atA = a.node().host().connections().get(b.id()).orElseThrow();
        // Twice what the relay may hold, and within what B's stream queues unsent (4 MiB).
        byte[] payload = new byte[2 << 20];
        new Random(3).nextBytes(payload);
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        Stream s = get(c.newStream(st -> st.channel().pipeline().addLast(collector), RelayNet.ECHO));
        // A stops reading its end of the circuit altogether.
        atA.channel().eventLoop().submit(() -> atA.channel().config().setAutoRead(false)).get(5, TimeUnit.SECONDS);
        for (int off = 0; off < payload.length; off += 65536) {
            s.channel().write(Unpooled.copiedBuffer(payload, off, 65536));
        }
        s.channel().flush();
        ((DuplexChannel) s.channel()).shutdownOutput();

        // The relay passes on what the stop stream's window and write buffer hold, then stops reading.
        long bound = 256 * 1024 + 512 * 1024 + 128 * 1024;
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = r.service().snapshot().circuits().get(0).sourceToDestinationBytes();
            boolean settled = now == last[0] && now > 0;
            last[0] = now;
            return settled;
        });
        assertThat(last[0]).isLessThan(bound);

        atA.channel().config().setAutoRead(true);
        byte[] echoed = collector.finished.get(30, TimeUnit.SECONDS);
        assertThat(echoed.length).isEqualTo(payload.length);
        assertThat(java.util.Arrays.mismatch(echoed, payload)).as("first differing byte").isEqualTo(-1);
    }
}
