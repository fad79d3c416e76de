package io.wirepunch.core.facts;

import static io.wirepunch.core.facts.Fixtures.NETWORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Facts pushed between hosts on 127.0.0.1: members learn each other's addresses without the DHT. */
class FactsServiceLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final long WAIT_SECONDS = 15;
    /** A scheduler whose tasks never run: these tests push by hand. */
    private static final Scheduler MANUAL = (delay, task) -> () -> { };

    private final List<Host> hosts = new ArrayList<>();
    private final List<FactsService> services = new ArrayList<>();
    private ScheduledExecutorService timer;

    /** A started host with its facts service. */
    private final class Member {
        final PrivateKey key = Fixtures.key();
        final PeerId id = Fixtures.id(key);
        final Map<PeerId, TrustLevel> trust = new HashMap<>();
        final Host host = new Host(HostConfig.of(key, List.of(LOOPBACK)));
        FactsService facts;

        Member start(FactsConfig config, Scheduler scheduler) throws Exception {
            hosts.add(host);
            get(host.start());
            facts = new FactsService(host, p -> trust.getOrDefault(p, TrustLevel.UNTRUSTED), Clock.systemUTC(),
                    config, scheduler);
            services.add(facts);
            facts.start();
            return this;
        }

        Multiaddr addr() {
            return host.listenAddrs().get(0).withPeerId(id);
        }

        Connection connect(Member other) throws Exception {
            return get(host.connect(other.addr()));
        }
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        services.forEach(FactsService::stop);
        for (Host h : hosts) {
            get(h.stop());
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Test
    void bLearnsCsAddressThroughAAndDialsCDirectly() throws Exception {
        Member a = new Member();
        Member b = new Member();
        Member c = new Member();
        // A knows B and C, and vouches for both; B and C know only A, whom they trust with membership.
        a.trust.put(b.id, TrustLevel.ENDPOINT);
        a.trust.put(c.id, TrustLevel.ENDPOINT);
        b.trust.put(a.id, TrustLevel.MEMBERSHIP);
        c.trust.put(a.id, TrustLevel.MEMBERSHIP);
        a.start(FactsConfig.of(NETWORK).withMembers(Set.of(b.id, c.id)), MANUAL);
        b.start(FactsConfig.of(NETWORK), MANUAL);
        c.start(FactsConfig.of(NETWORK).withAllowedIps(List.of(Cidr.parse("10.8.0.3/32"))), MANUAL);

        a.connect(b);
        a.connect(c);
        // Each side pushes when the connection comes up: A hears C's own facts.
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() ->
                a.facts.knowledge(c.id).endpoints().contains(c.host.listenAddrs().get(0)));
        assertThat(a.facts.knowledge(c.id).alive()).hasValueSatisfying(alive ->
                assertThat(alive.bootId()).isEqualTo(c.facts.bootId()));

        get(a.facts.pushNow());
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> !b.facts.knowledge(c.id).endpoints().isEmpty());
        PeerKnowledge learned = b.facts.knowledge(c.id);
        assertThat(learned.endpoints()).containsExactly(c.host.listenAddrs().get(0));
        assertThat(learned.networks()).containsExactly(NETWORK);
        assertThat(learned.alive()).hasValueSatisfying(alive -> assertThat(alive.bootId()).isEqualTo(c.facts.bootId()));
        // C claimed a range about itself; B does not trust C (only A vouched for it) with ranges.
        assertThat(learned.allowedIps()).isEmpty();
        // The MEMBER fact about C is A's, passed on in A's envelope.
        assertThat(b.facts.store().about(c.id)).anySatisfy(f -> {
            assertThat(f.fact().attribute()).isEqualTo(Attribute.MEMBER);
            assertThat(f.issuer()).isEqualTo(a.id);
        });
        assertThat(b.facts.store().about(c.id)).filteredOn(f -> f.fact().attribute() == Attribute.ENDPOINT)
                .allSatisfy(f -> assertThat(f.issuer()).isEqualTo(c.id));
        assertThat(b.facts.acceptance().isMember(c.id)).isTrue();

        assertThat(b.host.connections().get(c.id)).isEmpty();
        Connection direct = get(b.host.connect(learned.endpoints().get(0).withPeerId(c.id)));
        assertThat(direct.remotePeer()).isEqualTo(c.id);
        assertThat(direct.isRelayed()).isFalse();
        // The address also reached B's peerstore, for connect(PeerId).
        assertThat(b.host.peerstore().addrs(c.id)).contains(c.host.listenAddrs().get(0));
    }

    @Test
    void aStrangersFactsAreNotRead() throws Exception {
        Member b = new Member().start(FactsConfig.of(NETWORK), MANUAL);
        Member d = new Member();
        d.trust.put(b.id, TrustLevel.ENDPOINT);
        d.start(FactsConfig.of(NETWORK), MANUAL);
        // D carries a fact B would believe from its issuer X; but D itself is nobody to B.
        PrivateKey x = Fixtures.key();
        b.trust.put(Fixtures.id(x), TrustLevel.ENDPOINT);
        SignedFact fromX = SignedFact.sign(x, Fixtures.endpoint(Fixtures.id(x), Instant.now()));
        assertThat(b.facts.acceptance().refusal(fromX)).isEmpty();
        assertThat(d.facts.store().put(fromX)).isEqualTo(FactStore.Outcome.ADDED);
        Connection toB = d.connect(b);
        // B resets the stream unread, so the push may well fail on D's side.
        get(d.facts.pushTo(toB).handle((v, e) -> null));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> b.facts.store().size() == 0);
        // B pushes nothing to D either: D is no member of B's network.
        assertThat(d.facts.knowledge(b.id).isEmpty()).isTrue();
    }

    @Test
    void membersPushEveryIntervalAndARestartShowsANewBootId() throws Exception {
        timer = Executors.newSingleThreadScheduledExecutor();
        Scheduler real = Scheduler.of(timer);
        FactsConfig fast = FactsConfig.of(NETWORK).withTiming(Duration.ofMillis(200), FactsProtocol.MIN_TTL);
        Member a = new Member();
        Member b = new Member();
        a.trust.put(b.id, TrustLevel.ENDPOINT);
        b.trust.put(a.id, TrustLevel.ENDPOINT);
        a.start(fast, real);
        b.start(fast, real);
        a.connect(b);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> b.facts.knowledge(a.id).alive().isPresent());
        var first = b.facts.knowledge(a.id).alive().orElseThrow().lastSeen();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() ->
                b.facts.knowledge(a.id).alive().orElseThrow().lastSeen().isAfter(first));

        // A "restarts": a new service on the same host and key brings a new boot id.
        a.facts.stop();
        FactsService again = new FactsService(a.host, p -> a.trust.getOrDefault(p, TrustLevel.UNTRUSTED),
                Clock.systemUTC(), fast, real);
        services.add(again);
        again.start();
        assertThat(again.bootId()).isNotEqualTo(a.facts.bootId());
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() ->
                Arrays.equals(b.facts.knowledge(a.id).alive().orElseThrow().bootId(), again.bootId()));
    }
}
