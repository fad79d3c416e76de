package io.wirepunch.core.facts;

import static io.wirepunch.core.facts.Fixtures.ADDR;
import static io.wirepunch.core.facts.Fixtures.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacement by issued-at, expiry by the clock, the bounds and their eviction, the per-peer query. */
class FactStoreTest {
    private final FakeClock clock = new FakeClock();
    private final PrivateKey issuer = Fixtures.key();
    private final PrivateKey other = Fixtures.key();
    private final PeerId subject = Fixtures.id(Fixtures.key());
    private final List<FactEvent> events = new ArrayList<>();

    private FactStore store(int total, int perSubject) {
        FactStore s = new FactStore(clock, total, perSubject);
        s.subscribe(events::add);
        return s;
    }

    private SignedFact endpoint(PrivateKey by, PeerId about, int port, Instant at, Duration ttl) {
        return SignedFact.sign(by, Fact.endpoint(about, Multiaddr.parse("/ip4/198.51.100.7/tcp/" + port), ttl, at));
    }

    @Test
    void aLaterFactReplacesAnEarlierOneUnderItsKeyWhoeverIssuedIt() {
        FactStore store = store(10, 10);
        Instant t0 = clock.instant();
        SignedFact first = endpoint(issuer, subject, 1, t0, TTL);
        SignedFact later = endpoint(other, subject, 1, t0.plusSeconds(1), TTL);
        assertThat(store.put(first)).isEqualTo(FactStore.Outcome.ADDED);
        assertThat(store.put(first)).isEqualTo(FactStore.Outcome.STALE);
        assertThat(store.put(later)).isEqualTo(FactStore.Outcome.RENEWED);
        assertThat(store.put(first)).isEqualTo(FactStore.Outcome.STALE);
        assertThat(store.all()).containsExactly(later);
        assertThat(events).containsExactly(new FactEvent.Added(first), new FactEvent.Renewed(later, first));
    }

    @Test
    void factsExpireWithTheirTtlByTheClock() {
        FactStore store = store(10, 10);
        SignedFact f = endpoint(issuer, subject, 1, clock.instant(), FactsProtocol.MIN_TTL);
        store.put(f);
        clock.advance(FactsProtocol.MIN_TTL.minusMillis(1));
        assertThat(store.expire()).isZero();
        assertThat(store.about(subject)).containsExactly(f);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.get(f.fact().key())).isEmpty();
        assertThat(store.expire()).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(events).containsExactly(new FactEvent.Added(f), new FactEvent.Expired(f));
        SignedFact stale = endpoint(issuer, subject, 2, clock.instant().minus(FactsProtocol.MIN_TTL), FactsProtocol.MIN_TTL);
        assertThat(store.put(stale)).isEqualTo(FactStore.Outcome.EXPIRED);
    }

    @Test
    void aFullSubjectEvictsItsSoonestExpiringFact() {
        FactStore store = store(100, FactStore.MAX_FACTS_PER_SUBJECT);
        Instant t0 = clock.instant();
        List<SignedFact> held = new ArrayList<>();
        for (int i = 0; i < FactStore.MAX_FACTS_PER_SUBJECT; i++) {
            SignedFact f = endpoint(issuer, subject, 1000 + i, t0, TTL.plusSeconds(i));
            held.add(f);
            assertThat(store.put(f)).isEqualTo(FactStore.Outcome.ADDED);
        }
        SignedFact shortLived = endpoint(issuer, subject, 1, t0, TTL.minusSeconds(1));
        assertThat(store.put(shortLived)).isEqualTo(FactStore.Outcome.FULL);
        SignedFact longLived = endpoint(issuer, subject, 2, t0, TTL.plusSeconds(1000));
        assertThat(store.put(longLived)).isEqualTo(FactStore.Outcome.ADDED);
        assertThat(events).contains(new FactEvent.Evicted(held.get(0)));
        assertThat(store.about(subject)).hasSize(FactStore.MAX_FACTS_PER_SUBJECT).contains(longLived)
                .doesNotContain(held.get(0));
        // Another subject is not limited by this one.
        PeerId second = Fixtures.id(Fixtures.key());
        assertThat(store.put(endpoint(issuer, second, 1, t0, TTL))).isEqualTo(FactStore.Outcome.ADDED);
    }

    @Test
    void aFullStoreEvictsDeterministicallyByExpiryThenKey() {
        int max = 4;
        FactStore store = store(max, max);
        Instant t0 = clock.instant();
        List<SignedFact> held = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            SignedFact f = endpoint(issuer, Fixtures.id(Fixtures.key()), 1, t0, TTL);
            held.add(f);
            store.put(f);
        }
        SignedFact incoming = endpoint(issuer, Fixtures.id(Fixtures.key()), 1, t0, TTL.plusSeconds(1));
        assertThat(store.put(incoming)).isEqualTo(FactStore.Outcome.ADDED);
        SignedFact smallestKey = held.stream().min((a, b) -> a.fact().key().compareTo(b.fact().key())).orElseThrow();
        assertThat(events).contains(new FactEvent.Evicted(smallestKey));
        assertThat(store.size()).isEqualTo(max);
        assertThat(new FactStore(clock).put(held.get(0))).isEqualTo(FactStore.Outcome.ADDED);
        assertThatThrownBy(() -> new FactStore(clock, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultTotalBoundIsCrossed() {
        FactStore store = store(FactStore.MAX_FACTS, FactStore.MAX_FACTS_PER_SUBJECT);
        Instant t0 = clock.instant();
        PeerId[] subjects = new PeerId[FactStore.MAX_FACTS / FactStore.MAX_FACTS_PER_SUBJECT + 1];
        for (int s = 0; s < subjects.length; s++) {
            subjects[s] = Fixtures.id(Fixtures.key());
        }
        List<Fact> facts = new ArrayList<>();
        for (PeerId p : subjects) {
            for (int i = 0; i < FactStore.MAX_FACTS_PER_SUBJECT && facts.size() <= FactStore.MAX_FACTS; i++) {
                facts.add(Fact.alive(p, bootId(facts.size()), TTL.plusSeconds(facts.size()), t0));
            }
        }
        // Signing is the slow part; the store still takes the facts one by one, in order.
        List<SignedFact> signed = facts.parallelStream().map(f -> SignedFact.sign(issuer, f)).toList();
        signed.forEach(store::put);
        assertThat(store.size()).isEqualTo(FactStore.MAX_FACTS);
        assertThat(events.stream().filter(e -> e instanceof FactEvent.Evicted)).hasSize(1);
    }

    private static byte[] bootId(int n) {
        byte[] id = new byte[FactsProtocol.BOOT_ID_BYTES];
        id[0] = (byte) n;
        id[1] = (byte) (n >> 8);
        return id;
    }

    @Test
    void knowledgeGathersWhatIsKnownAboutAPeer() {
        FactStore store = store(100, 100);
        Instant t0 = clock.instant();
        Multiaddr circuit = Fixtures.CIRCUIT;
        store.put(SignedFact.sign(issuer, Fact.endpoint(subject, ADDR, TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.relayAddr(subject, circuit, TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.allowedIp(subject, Cidr.parse("10.8.0.2/32"), TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.member(subject, "home", TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.trust(subject, TrustLevel.ENDPOINT, TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.alive(subject, bootId(1), TTL, t0)));
        store.put(SignedFact.sign(issuer, Fact.alive(subject, bootId(2), TTL, t0.plusSeconds(5))));
        PeerKnowledge k = store.knowledge(subject);
        assertThat(k.endpoints()).containsExactly(ADDR);
        assertThat(k.relayAddrs()).containsExactly(circuit);
        assertThat(k.allowedIps()).containsExactly(Cidr.parse("10.8.0.2/32"));
        assertThat(k.networks()).containsExactly("home");
        assertThat(k.alive()).hasValueSatisfying(a -> {
            assertThat(a.bootId()).isEqualTo(bootId(2));
            assertThat(a.lastSeen()).isEqualTo(t0.plusSeconds(5));
        });
        assertThat(k.isEmpty()).isFalse();
        assertThat(store.knowledge(Fixtures.id(Fixtures.key())).isEmpty()).isTrue();
        clock.advance(TTL);
        assertThat(store.knowledge(subject).endpoints()).isEmpty();
        assertThat(store.knowledge(subject).alive()).isPresent();
        clock.advance(Duration.ofSeconds(5));
        assertThat(store.knowledge(subject).isEmpty()).isTrue();
    }
}
