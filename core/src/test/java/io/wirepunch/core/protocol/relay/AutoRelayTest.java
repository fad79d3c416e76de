package io.wirepunch.core.protocol.relay;

import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Reachability;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Automatic reservations: two on distinct relays, replaced when lost, skipped when refused, gated by reachability. */
class AutoRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RelayNet net = new RelayNet();
    private AutoRelay auto;

    @AfterEach
    void close() throws Exception {
        if (auto != null) {
            auto.stop();
        }
        net.close();
    }

    private AutoRelay start(RelayNet.Peer a, AutoRelay.Mode mode, Supplier<CompletionStage<List<Multiaddr>>> discovery) {
        auto = new AutoRelay(a.node().host(), a.client(), net.clock, net.scheduler, mode, Set.of(), discovery);
        auto.start();
        return auto;
    }

    private static int reservationsOn(List<RelayNet.Peer> relays) {
        return relays.stream().mapToInt(r -> r.service().snapshot().reservations().size()).sum();
    }

    @Test
    void keepsTwoReservationsOnDistinctRelaysAndReplacesALostOne() throws Exception {
        List<RelayNet.Peer> relays = List.of(net.relay(RelayConfig.defaults()), net.relay(RelayConfig.defaults()),
                net.relay(RelayConfig.defaults()));
        RelayNet.Peer a = net.peer();
        start(a, AutoRelay.Mode.ALWAYS, AutoRelay.noDiscovery());
        for (RelayNet.Peer r : relays) {
            get(a.node().host().connect(r.addr()));
        }
        await().atMost(WAIT).until(() -> auto.relays().size() == AutoRelay.DESIRED_RESERVATIONS
                && reservationsOn(relays) == AutoRelay.DESIRED_RESERVATIONS);
        assertThat(a.client().circuitAddrs()).isNotEmpty();

        Set<PeerId> before = auto.relays();
        RelayNet.Peer used = relays.stream().filter(r -> before.contains(r.id())).findFirst().orElseThrow();
        RelayNet.Peer third = relays.stream().filter(r -> !before.contains(r.id())).findFirst().orElseThrow();
        used.node().host().connections().get(a.id()).orElseThrow().close();

        await().atMost(WAIT).until(() -> auto.relays().contains(third.id()) && auto.relays().size() == 2);
        assertThat(auto.relays()).doesNotContain(used.id());
        assertThat(auto.backingOff(used.id())).isTrue();
    }

    @Test
    void aPeerWithoutTheHopProtocolIsSkippedAndBackedOffAndDiscoveryIsRateLimited() throws Exception {
        RelayNet.Peer plain = net.peer();
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.peer();
        AtomicInteger asked = new AtomicInteger();
        start(a, AutoRelay.Mode.ALWAYS, () -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(List.of(plain.addr(), r.addr()));
        });

        await().atMost(WAIT).until(() -> auto.relays().equals(Set.of(r.id())) && auto.backingOff(plain.id()));
        assertThat(asked).hasValue(1);
        // One reservation short: asked again only once the discovery interval has passed.
        net.scheduler.advance(AutoRelay.DISCOVERY_INTERVAL.minusSeconds(1));
        assertThat(asked).hasValue(1);
        assertThat(auto.backingOff(plain.id())).isTrue();
        net.scheduler.advance(AutoRelay.CHECK_INTERVAL);
        assertThat(asked.get()).isGreaterThanOrEqualTo(2);
        // The refused peer is tried again after its backoff, and refuses again.
        net.scheduler.advance(AutoRelay.FAILURE_BACKOFF.minus(AutoRelay.DISCOVERY_INTERVAL));
        await().atMost(WAIT).until(() -> auto.backingOff(plain.id()));
        assertThat(auto.relays()).containsExactly(r.id());
    }

    @Test
    void autoModeReservesOnlyWhilePrivate() throws Exception {
        List<RelayNet.Peer> relays = List.of(net.relay(RelayConfig.defaults()), net.relay(RelayConfig.defaults()));
        RelayNet.Peer a = net.peer();
        start(a, AutoRelay.Mode.AUTO, AutoRelay.noDiscovery());
        for (RelayNet.Peer r : relays) {
            get(a.node().host().connect(r.addr()));
        }
        await().atMost(WAIT).until(() -> relays.stream().allMatch(r ->
                a.node().host().peerstore().protocols(r.id()).contains(RelayProtocol.HOP_ID)));
        auto.reachabilityChanged(Reachability.UNKNOWN);
        auto.reachabilityChanged(Reachability.PUBLIC);
        assertThat(auto.enabled()).isFalse();
        assertThat(auto.relays()).isEmpty();
        assertThat(reservationsOn(relays)).isZero();

        auto.reachabilityChanged(Reachability.PRIVATE);
        await().atMost(WAIT).until(() -> auto.relays().size() == 2);

        auto.reachabilityChanged(Reachability.PUBLIC);
        assertThat(auto.relays()).isEmpty();
        assertThat(a.client().circuitAddrs()).isEmpty();
    }

    @Test
    void neverReservesOnItselfNorOnAnExcludedRelay() throws Exception {
        RelayNet.Peer r = net.relay(RelayConfig.defaults());
        RelayNet.Peer a = net.relay(RelayConfig.defaults());
        auto = new AutoRelay(a.node().host(), a.client(), net.clock, net.scheduler, AutoRelay.Mode.ALWAYS,
                Set.of(r.id()), () -> CompletableFuture.completedFuture(List.of(a.addr(), r.addr())));
        auto.start();
        get(a.node().host().connect(r.addr()));
        net.scheduler.advance(AutoRelay.CHECK_INTERVAL);
        assertThat(auto.relays()).isEmpty();
        assertThat(a.client().reservation(r.id())).isEmpty();
    }
}
