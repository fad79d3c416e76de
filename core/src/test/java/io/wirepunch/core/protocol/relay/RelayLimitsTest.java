package io.wirepunch.core.protocol.relay;

import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.get;
import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import io.wirepunch.core.upgrade.yamux.StreamHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every relay limit crossed: reservations (total, per IP), circuits (total, per peer), data, duration. */
class RelayLimitsTest {
    private final RelayNet net = new RelayNet();

    @AfterEach
    void close() throws Exception {
        net.close();
    }

    private static Multiaddr through(RelayNet.Peer relay, RelayNet.Peer target) {
        return relay.addr().encapsulate("/p2p-circuit").withPeerId(target.id());
    }

    @Test
    void reservationsBeyondTheTotalAreRefusedButARefreshKeepsItsSlot() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withReservationLimits(1, 8));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        assertThatThrownBy(() -> get(b.client().reserve(r.addr()))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESERVATION_REFUSED));
        // A second RESERVE from the holder is a refresh (RESERVATIONS_PER_PEER is one), not a second slot.
        net.clock.advance(Duration.ofMinutes(10));
        RelayReservation refreshed = get(a.client().reserve(r.addr()));
        assertThat(refreshed.expiry()).isEqualTo(net.clock.instant().plus(RelayConfig.DEFAULT_RESERVATION_TTL));
        assertThat(r.service().snapshot().reservations()).singleElement()
                .satisfies(v -> assertThat(v.peer()).isEqualTo(a.id()));
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.ReservationAccepted x && x.refresh());
    }

    @Test
    void reservationsBeyondThePerIpMaximumAreRefused() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withReservationLimits(10, 2));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        RelayNet.Peer c = net.peer();
        get(a.client().reserve(r.addr()));
        get(b.client().reserve(r.addr()));
        assertThatThrownBy(() -> get(c.client().reserve(r.addr()))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESERVATION_REFUSED));
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.ReservationRefused x
                && x.reason().contains("reservations from 127.0.0.1"));
    }

    @Test
    void anExpiredReservationNoLongerCountsNorConnects() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withReservationLimits(1, 8));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        net.scheduler.advance(RelayConfig.DEFAULT_RESERVATION_TTL.plus(RelayService.RESERVATION_SWEEP_INTERVAL));
        // the sweep reported it without being asked
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.ReservationEnded x && x.reason().equals("expired"));
        assertThatThrownBy(() -> get(b.node().host().connect(through(r, a)))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.NO_RESERVATION));
        get(b.client().reserve(r.addr()));
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.ReservationEnded x && x.peer().equals(a.id()));
    }

    @Test
    void circuitsBeyondThePerPeerMaximumExceedTheResourceLimit() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withCircuitLimits(10, 1));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        Connection first = get(b.client().dial(through(r, a), a.id()));
        assertThat(first.isRelayed()).isTrue();
        assertThatThrownBy(() -> get(b.client().dial(through(r, a), a.id()))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESOURCE_LIMIT_EXCEEDED));
        // Once the first circuit is gone, its slot is free again.
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> r.service().snapshot().circuits().isEmpty());
        assertThat(get(b.client().dial(through(r, a), a.id())).isRelayed()).isTrue();
    }

    @Test
    void circuitsBeyondTheTotalExceedTheResourceLimit() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withCircuitLimits(1, 16));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        RelayNet.Peer c = net.peer();
        get(a.client().reserve(r.addr()));
        get(c.client().reserve(r.addr()));
        get(b.node().host().connect(through(r, a)));
        assertThatThrownBy(() -> get(b.node().host().connect(through(r, c)))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESOURCE_LIMIT_EXCEEDED));
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.CircuitRefused x
                && x.reason().contains("maximum of 1 circuits"));
    }

    @Test
    void theDataLimitClosesTheCircuitAfterExactlyThatManyBytes() throws Exception {
        long limit = 64 * 1024;
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withCircuitLimit(new CircuitLimit(Duration.ofMinutes(2), limit)));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(through(r, a)));
        Stream s = get(c.newStream(st -> st.channel().pipeline().addLast(new StreamHandlers.Collector()), RelayNet.ECHO));
        s.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[256 * 1024]));
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
        await().atMost(Duration.ofSeconds(10)).until(() -> r.events().stream().anyMatch(e -> e instanceof RelayEvent.CircuitClosed));
        RelayEvent.CircuitClosed closed = r.events().stream().filter(e -> e instanceof RelayEvent.CircuitClosed)
                .map(RelayEvent.CircuitClosed.class::cast).findFirst().orElseThrow();
        assertThat(closed.reason()).contains("data limit of " + limit);
        assertThat(Math.max(closed.sourceToDestinationBytes(), closed.destinationToSourceBytes())).isEqualTo(limit);
        assertThat(r.service().snapshot().circuits()).isEmpty();
    }

    @Test
    void theDurationLimitClosesTheCircuit() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults().withCircuitLimit(new CircuitLimit(Duration.ofSeconds(60), 0)));
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(through(r, a)));
        net.scheduler.advance(Duration.ofSeconds(59));
        assertThat(c.isOpen()).isTrue();
        net.scheduler.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
        await().atMost(Duration.ofSeconds(10)).until(() -> r.events().stream().anyMatch(e ->
                e instanceof RelayEvent.CircuitClosed x && x.reason().contains("duration limit of 60 s")));
    }

    @Test
    void theObserverCanRefuseCountAndCloseCircuits() throws Exception {
        AtomicLong counted = new AtomicLong();
        List<PeerId> refusedReservations = new CopyOnWriteArrayList<>();
        boolean[] admitCircuits = {true};
        CircuitObserver observer = new CircuitObserver() {
            @Override
            public boolean admitReservation(PeerId peer, InetAddress address) {
                if (refusedReservations.contains(peer)) {
                    return false;
                }
                return true;
            }

            @Override
            public boolean admitCircuit(PeerId source, PeerId destination) {
                return admitCircuits[0];
            }

            @Override
            public void bytesRelayed(PeerId from, PeerId to, long bytes) {
                counted.addAndGet(bytes);
            }
        };
        RelayNet.Peer r = net.relay(RelayConfig.defaults(), observer);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        refusedReservations.add(b.id());
        assertThatThrownBy(() -> get(b.client().reserve(r.addr()))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESERVATION_REFUSED));
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(through(r, a)));
        await().atMost(Duration.ofSeconds(10)).until(() -> counted.get() > 0
                && counted.get() == r.service().snapshot().bytesRelayed());
        assertThat(r.service().closeCircuitsOf(a.id())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
        admitCircuits[0] = false;
        assertThatThrownBy(() -> get(b.client().dial(through(r, a), a.id()))).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESOURCE_LIMIT_EXCEEDED));
    }
}
