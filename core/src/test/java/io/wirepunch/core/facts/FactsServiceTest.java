package io.wirepunch.core.facts;

import static io.wirepunch.core.facts.Fixtures.NETWORK;
import static io.wirepunch.core.facts.Fixtures.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service without a network: what it says, in what order, and how it applies what it hears. */
class FactsServiceTest {
    private final FakeClock clock = new FakeClock();
    private final PrivateKey key = Fixtures.key();
    private final Host host = new Host(HostConfig.of(key, List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
    private final Map<PeerId, TrustLevel> trust = new HashMap<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final Scheduler scheduler = (delay, task) -> {
        timers.add(task);
        return () -> timers.remove(task);
    };

    private FactsService service(FactsConfig config) {
        return new FactsService(host, p -> trust.getOrDefault(p, TrustLevel.UNTRUSTED), clock, config, scheduler);
    }

    @Test
    void ownFactsSayWhatTheConfigurationAndTheHostKnow() {
        PeerId member = Fixtures.id(Fixtures.key());
        host.addAddressSource(() -> List.of(Fixtures.ADDR, Fixtures.CIRCUIT));
        FactsService s = service(FactsConfig.of(NETWORK).withMembers(Set.of(member))
                .withGrants(Map.of(member, TrustLevel.ALLOWED_IPS))
                .withAllowedIps(List.of(Cidr.parse("10.8.0.1/32"))));
        List<SignedFact> own = s.ownFacts();
        assertThat(own).allSatisfy(f -> {
            assertThat(f.issuer()).isEqualTo(host.peerId());
            assertThat(f.fact().issuedAt()).isEqualTo(clock.instant());
            assertThat(f.fact().ttl()).isEqualTo(FactsConfig.DEFAULT_TTL);
        });
        assertThat(own).extracting(f -> f.fact().toString()).anySatisfy(t -> assertThat(t).startsWith("ENDPOINT("))
                .anySatisfy(t -> assertThat(t).startsWith("RELAY_ADDR("))
                .anySatisfy(t -> assertThat(t).startsWith("ALLOWED_IP("))
                .anySatisfy(t -> assertThat(t).startsWith("MEMBER(" + member))
                .anySatisfy(t -> assertThat(t).startsWith("TRUST(" + member));
        assertThat(own).filteredOn(f -> f.fact().attribute() == Attribute.ALIVE).singleElement()
                .satisfies(f -> assertThat(f.fact().bootId()).isEqualTo(s.bootId()));
        assertThat(service(FactsConfig.of(NETWORK)).bootId()).isNotEqualTo(s.bootId());
    }

    @Test
    void aPushCarriesGrantsAndVouchesFirstAndNothingTheRecipientIssued() {
        FactsService s = service(FactsConfig.of(NETWORK));
        PrivateKey recipient = Fixtures.key();
        PrivateKey other = Fixtures.key();
        SignedFact byRecipient = SignedFact.sign(recipient, Fixtures.endpoint(Fixtures.id(recipient), clock.instant()));
        SignedFact byOther = SignedFact.sign(other, Fixtures.endpoint(Fixtures.id(other), clock.instant()));
        SignedFact vouch = SignedFact.sign(other, Fact.member(Fixtures.id(recipient), NETWORK, TTL, clock.instant()));
        s.store().put(byRecipient);
        s.store().put(byOther);
        s.store().put(vouch);
        List<SignedFact> push = s.factsFor(Fixtures.id(recipient), s.ownFacts());
        assertThat(push).doesNotContain(byRecipient).contains(byOther, vouch);
        assertThat(push.get(0)).isEqualTo(vouch);
    }

    @Test
    void aVouchAppliesBeforeTheFactsItMakesCount() {
        FactsService s = service(FactsConfig.of(NETWORK));
        PrivateKey a = Fixtures.key();
        PrivateKey c = Fixtures.key();
        trust.put(Fixtures.id(a), TrustLevel.MEMBERSHIP);
        SignedFact cEndpoint = SignedFact.sign(c, Fixtures.endpoint(Fixtures.id(c), clock.instant()));
        SignedFact cAlive = SignedFact.sign(c, Fact.alive(Fixtures.id(c), Fixtures.BOOT_ID, TTL, clock.instant()));
        SignedFact vouch = SignedFact.sign(a, Fact.member(Fixtures.id(c), NETWORK, TTL, clock.instant()));
        assertThat(s.receive(Fixtures.id(a), FactsMessage.of(List.of(cEndpoint, cAlive, vouch)))).isEqualTo(3);
        assertThat(s.knowledge(Fixtures.id(c)).endpoints()).containsExactly(Fixtures.ADDR);
        // The same facts again are stale; a refused one is not stored.
        SignedFact cRange = SignedFact.sign(c, Fact.allowedIp(Fixtures.id(c), Cidr.parse("10.8.0.3/32"), TTL, clock.instant()));
        assertThat(s.receive(Fixtures.id(a), FactsMessage.of(List.of(cEndpoint, cRange)))).isZero();
        assertThat(s.knowledge(Fixtures.id(c)).allowedIps()).isEmpty();
    }

    @Test
    void learnedAddressesReachThePeerstoreForTheirRemainingTtl() {
        FactsService s = service(FactsConfig.of(NETWORK));
        s.start();
        PrivateKey c = Fixtures.key();
        trust.put(Fixtures.id(c), TrustLevel.ENDPOINT);
        s.receive(Fixtures.id(c), FactsMessage.of(List.of(
                SignedFact.sign(c, Fact.relayAddr(Fixtures.id(c), Fixtures.CIRCUIT, TTL, clock.instant())))));
        assertThat(host.peerstore().addrs(Fixtures.id(c))).contains(Fixtures.CIRCUIT);
        s.stop();
    }

    @Test
    void startRegistersTheProtocolAndTheTimerStopUndoesBoth() {
        FactsService s = service(FactsConfig.of(NETWORK));
        s.start();
        s.start();
        assertThat(host.protocols().ids()).contains(FactsProtocol.ID);
        assertThat(timers).hasSize(1);
        timers.remove(0).run();
        assertThat(timers).as("the round schedules the next").hasSize(1);
        s.stop();
        s.stop();
        assertThat(host.protocols().ids()).doesNotContain(FactsProtocol.ID);
        assertThat(timers).isEmpty();
    }

    @Test
    void theConfigurationIsChecked() {
        FactsConfig c = FactsConfig.of(NETWORK);
        assertThatThrownBy(() -> c.withTiming(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .hasMessageContaining("longer than the push interval");
        assertThatThrownBy(() -> c.withTiming(Duration.ZERO, TTL)).hasMessageContaining("positive");
        assertThatThrownBy(() -> c.withTiming(Duration.ofSeconds(1), FactsProtocol.MIN_TTL.minusSeconds(1)))
                .hasMessageContaining("TTL");
        assertThatThrownBy(() -> c.withTiming(Duration.ofSeconds(1), FactsProtocol.MAX_TTL.plusSeconds(1)))
                .hasMessageContaining("TTL");
        c.withTiming(Duration.ofSeconds(1), FactsProtocol.MAX_TTL);
        PeerId p = Fixtures.id(Fixtures.key());
        assertThatThrownBy(() -> c.withGrants(Map.of(p, TrustLevel.DELEGATE))).hasMessageContaining("cannot grant");
        assertThatThrownBy(() -> c.withGrants(Map.of(p, TrustLevel.UNTRUSTED))).hasMessageContaining("cannot grant");
        assertThatThrownBy(() -> FactsConfig.of("n".repeat(FactsProtocol.MAX_NETWORK_NAME_BYTES + 1)))
                .hasMessageContaining("network name");
    }
}
