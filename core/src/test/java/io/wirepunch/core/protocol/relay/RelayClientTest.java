package io.wirepunch.core.protocol.relay;

import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client keeps its reservation, announces its circuit addresses, and lets go when the relay goes. */
class RelayClientTest {
    private final RelayNet net = new RelayNet();

    @AfterEach
    void close() throws Exception {
        net.close();
    }

    @Test
    void aKeptReservationIsRefreshedBeforeItExpiresWithoutSleeping() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        RelayReservation first = get(a.client().keepReserved(r.addr()));
        Instant firstExpiry = first.expiry();

        // Just before the refresh is due nothing happens...
        net.scheduler.advance(RelayConfig.DEFAULT_RESERVATION_TTL.minus(RelayClient.REFRESH_BEFORE_EXPIRY).minusSeconds(1));
        assertThat(a.client().reservation(r.id())).get().extracting(RelayReservation::expiry).isEqualTo(firstExpiry);
        // ...then the client renews, and the relay extends the same slot.
        net.scheduler.advance(Duration.ofSeconds(1));
        Instant renewedAt = net.clock.instant();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                a.client().reservation(r.id()).map(RelayReservation::expiry).orElseThrow().isAfter(firstExpiry));
        assertThat(a.client().reservation(r.id()).orElseThrow().expiry())
                .isEqualTo(renewedAt.plus(RelayConfig.DEFAULT_RESERVATION_TTL));
        assertThat(r.service().snapshot().reservations()).hasSize(1);
        assertThat(a.events().stream().filter(e -> e instanceof RelayEvent.Reserved)).hasSize(2);
        // The next refresh is armed again.
        await().atMost(Duration.ofSeconds(5)).until(() -> net.scheduler.pending() >= 1);

        a.client().release(r.id());
        assertThat(a.client().circuitAddrs()).isEmpty();
        assertThat(a.events()).anyMatch(e -> e instanceof RelayEvent.ReservationLost l && l.reason().equals("released"));
    }

    @Test
    void circuitAddressesAreAnnouncedThroughIdentifyAndDialableFromThePeerstore() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        List<HostEvent.Identified> learned = new CopyOnWriteArrayList<>();
        b.node().host().subscribe(e -> {
            if (e instanceof HostEvent.Identified i && i.peer().equals(a.id())) {
                learned.add(i);
            }
        });
        get(a.client().reserve(r.addr()));
        Multiaddr circuit = r.addr().encapsulate("/p2p-circuit");

        // b learns a's relayed address the way any peer would: from identify, over a first circuit...
        Connection first = get(b.node().host().connect(circuit.withPeerId(a.id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> learned.stream().anyMatch(i -> i.listenAddrs().contains(circuit)));
        assertThat(b.node().host().peerstore().addrs(a.id())).contains(circuit);
        // A peer that knows a only by its relayed address reaches it by PeerId alone through the relay
        // (direct addresses, when known, are tried first).
        RelayNet.Peer c = net.peer();
        c.node().host().peerstore().addAddrs(a.id(), List.of(circuit), io.wirepunch.core.host.Peerstore.TEMP_ADDR_TTL);
        Connection viaPeerstore = get(c.node().host().connect(a.id()));
        assertThat(viaPeerstore.isRelayed()).isTrue();
        assertThat(viaPeerstore.remotePeer()).isEqualTo(a.id());
        assertThat(first.isRelayed()).isTrue();
    }

    @Test
    void theReservationIsLostWhenTheRelayConnectionCloses() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        get(a.client().reserve(r.addr()));
        assertThat(a.client().circuitAddrs()).isNotEmpty();
        r.node().host().connections().get(a.id()).orElseThrow().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.client().circuitAddrs().isEmpty()
                && r.service().snapshot().reservations().isEmpty());
        assertThat(a.events()).anyMatch(e -> e instanceof RelayEvent.ReservationLost);
        assertThat(r.events()).anyMatch(e -> e instanceof RelayEvent.ReservationEnded x && x.reason().equals("disconnected"));
    }
}
