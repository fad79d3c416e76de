package io.wirepunch.core.facts;

import static io.wirepunch.core.facts.Fixtures.NETWORK;
import static io.wirepunch.core.facts.Fixtures.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of the acceptance matrix, checked on signed facts, and the rules around it. */
class FactAcceptanceTest {
    /** The issuer's standing at the receiver: its configured level, or untrusted but vouched for. */
    enum Standing {
        UNTRUSTED(TrustLevel.UNTRUSTED, false),
        UNTRUSTED_MEMBER(TrustLevel.UNTRUSTED, true),
        ENDPOINT(TrustLevel.ENDPOINT, false),
        ALLOWED_IPS(TrustLevel.ALLOWED_IPS, false),
        MEMBERSHIP(TrustLevel.MEMBERSHIP, false),
        DELEGATE(TrustLevel.DELEGATE, false);

        final TrustLevel level;
        final boolean vouched;

        Standing(TrustLevel level, boolean vouched) {
            this.level = level;
            this.vouched = vouched;
        }
    }

    /**
     * The matrix as docs/FACTS.md writes it: per attribute, the answer about the issuer itself and
     * about another peer, for each standing from UNTRUSTED to DELEGATE. "y" accepted, "-" refused.
     */
    private static final Map<String, String> MATRIX = Map.of(
            "ENDPOINT self", "-yyyyy", "ENDPOINT other", "--yyyy",
            "RELAY_ADDR self", "-yyyyy", "RELAY_ADDR other", "--yyyy",
            "ALIVE self", "-yyyyy", "ALIVE other", "------",
            "ALLOWED_IP self", "---yyy", "ALLOWED_IP other", "---yyy",
            "MEMBER self", "----yy", "MEMBER other", "----yy");
    private static final Map<String, String> TRUST_ROW = Map.of("TRUST self", "------", "TRUST other", "-----y");

    static Stream<Arguments> cells() {
        Map<String, String> all = new HashMap<>(MATRIX);
        all.putAll(TRUST_ROW);
        Stream.Builder<Arguments> out = Stream.builder();
        for (Attribute a : Attribute.values()) {
            for (boolean self : new boolean[] {true, false}) {
                String row = all.get(a + (self ? " self" : " other"));
                for (Standing s : Standing.values()) {
                    out.add(Arguments.of(a, self, s, row.charAt(s.ordinal()) == 'y'));
                }
            }
        }
        return out.build();
    }

    private final FakeClock clock = new FakeClock();
    private final PrivateKey selfKey = Fixtures.key();
    private final PrivateKey voucherKey = Fixtures.key();
    private final PrivateKey delegateKey = Fixtures.key();
    private final Map<PeerId, TrustLevel> configured = new HashMap<>();
    private final FactStore store = new FactStore(clock);
    private final FactAcceptance acceptance = new FactAcceptance(Fixtures.id(selfKey), NETWORK,
            p -> configured.getOrDefault(p, TrustLevel.UNTRUSTED), store, clock);

    private Fact fact(Attribute a, PeerId subject) {
        Instant now = clock.instant();
        return switch (a) {
            case ENDPOINT -> Fact.endpoint(subject, Fixtures.ADDR, TTL, now);
            case RELAY_ADDR -> Fact.relayAddr(subject, Fixtures.CIRCUIT, TTL, now);
            case ALIVE -> Fact.alive(subject, Fixtures.BOOT_ID, TTL, now);
            case ALLOWED_IP -> Fact.allowedIp(subject, Cidr.parse("10.8.0.9/32"), TTL, now);
            case MEMBER -> Fact.member(subject, NETWORK, TTL, now);
            case TRUST -> Fact.trust(subject, TrustLevel.ENDPOINT, TTL, now);
        };
    }

    private void vouchFor(PeerId peer) {
        configured.put(Fixtures.id(voucherKey), TrustLevel.MEMBERSHIP);
        store.put(SignedFact.sign(voucherKey, Fact.member(peer, NETWORK, TTL, clock.instant())));
    }

    @ParameterizedTest(name = "{0}, about itself {1}, by {2}: accepted {3}")
    @MethodSource("cells")
    void everyCellOfTheMatrix(Attribute attribute, boolean aboutItself, Standing standing, boolean accepted) {
        PrivateKey issuer = Fixtures.key();
        PeerId issuerId = Fixtures.id(issuer);
        configured.put(issuerId, standing.level);
        if (standing.vouched) {
            vouchFor(issuerId);
        }
        PeerId subject = aboutItself ? issuerId : Fixtures.id(Fixtures.key());
        SignedFact f = SignedFact.sign(issuer, fact(attribute, subject));
        assertThat(acceptance.refusal(f).isEmpty()).as(String.valueOf(acceptance.refusal(f))).isEqualTo(accepted);
        assertThat(FactAcceptance.permits(standing.level, standing.vouched, attribute, aboutItself)).isEqualTo(accepted);
    }

    @Test
    void theMatrixHasEveryCell() {
        assertThat(cells()).hasSize(Attribute.values().length * 2 * Standing.values().length);
    }

    @Test
    void membershipComesFromAMembershipTrustedIssuerOnly() {
        PeerId stranger = Fixtures.id(Fixtures.key());
        assertThat(acceptance.isMember(stranger)).isFalse();
        assertThat(acceptance.isMember(Fixtures.id(selfKey))).isTrue();
        PrivateKey weak = Fixtures.key();
        configured.put(Fixtures.id(weak), TrustLevel.ALLOWED_IPS);
        store.put(SignedFact.sign(weak, Fact.member(stranger, NETWORK, TTL, clock.instant())));
        assertThat(acceptance.isMember(stranger)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        vouchFor(stranger);
        assertThat(acceptance.isMember(stranger)).isTrue();
        configured.put(Fixtures.id(voucherKey), TrustLevel.ENDPOINT);
        assertThat(acceptance.isMember(stranger)).as("the voucher was demoted").isFalse();
        configured.put(Fixtures.id(voucherKey), TrustLevel.MEMBERSHIP);
        clock.advance(TTL);
        assertThat(acceptance.isMember(stranger)).as("the MEMBER fact expired").isFalse();
    }

    @Test
    void grantsRaiseUpToMembershipOnlyFromConfiguredDelegatesAndLapse() {
        PeerId delegate = Fixtures.id(delegateKey);
        configured.put(delegate, TrustLevel.DELEGATE);
        PeerId grantee = Fixtures.id(Fixtures.key());
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.UNTRUSTED);
        store.put(SignedFact.sign(delegateKey, Fact.trust(grantee, TrustLevel.MEMBERSHIP, TTL, clock.instant())));
        store.put(SignedFact.sign(delegateKey, Fact.trust(grantee, TrustLevel.ENDPOINT, TTL.plusSeconds(60), clock.instant())));
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(acceptance.isMember(grantee)).isTrue();
        // A grantee at membership may now vouch, but may not grant: a granted level never reaches DELEGATE.
        PrivateKey granteeKey = Fixtures.key();
        PeerId g2 = Fixtures.id(granteeKey);
        store.put(SignedFact.sign(delegateKey, Fact.trust(g2, TrustLevel.MEMBERSHIP, TTL, clock.instant())));
        assertThat(acceptance.refusal(SignedFact.sign(granteeKey, Fact.member(grantee, NETWORK, TTL, clock.instant())))).isEmpty();
        assertThat(acceptance.refusal(SignedFact.sign(granteeKey,
                Fact.trust(grantee, TrustLevel.ENDPOINT, TTL, clock.instant())))).isPresent();
        // Grants count only while their issuer is configured as a delegate.
        configured.put(delegate, TrustLevel.MEMBERSHIP);
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.UNTRUSTED);
        configured.put(delegate, TrustLevel.DELEGATE);
        // The membership grant lapses first; the endpoint grant holds a minute longer.
        clock.advance(TTL);
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.ENDPOINT);
        clock.advance(Duration.ofSeconds(60));
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.UNTRUSTED);
        // A configured level above a grant is kept.
        configured.put(grantee, TrustLevel.DELEGATE);
        assertThat(acceptance.effectiveLevel(grantee)).isEqualTo(TrustLevel.DELEGATE);
    }

    @Test
    void ownForeignNetworkFutureAndExpiredFactsAreRefused() {
        PrivateKey issuer = Fixtures.key();
        configured.put(Fixtures.id(issuer), TrustLevel.DELEGATE);
        PeerId subject = Fixtures.id(Fixtures.key());
        Instant now = clock.instant();
        assertThat(acceptance.refusal(SignedFact.sign(selfKey, Fact.endpoint(subject, Fixtures.ADDR, TTL, now))))
                .hasValueSatisfying(r -> assertThat(r).contains("our own"));
        assertThat(acceptance.refusal(SignedFact.sign(issuer, Fact.member(subject, "work", TTL, now))))
                .hasValueSatisfying(r -> assertThat(r).contains("network 'work'"));
        Instant edge = now.plus(FactsProtocol.MAX_CLOCK_SKEW);
        assertThat(acceptance.refusal(SignedFact.sign(issuer, Fact.endpoint(subject, Fixtures.ADDR, TTL, edge)))).isEmpty();
        assertThat(acceptance.refusal(SignedFact.sign(issuer, Fact.endpoint(subject, Fixtures.ADDR, TTL, edge.plusMillis(1)))))
                .hasValueSatisfying(r -> assertThat(r).contains("ahead of our clock"));
        assertThat(acceptance.refusal(SignedFact.sign(issuer, Fact.endpoint(subject, Fixtures.ADDR, TTL, now.minus(TTL)))))
                .hasValueSatisfying(r -> assertThat(r).contains("expired"));
        assertThat(new FactAcceptance(subject, NETWORK, p -> null, store, clock).configuredLevel(subject))
                .isEqualTo(TrustLevel.UNTRUSTED);
    }
}
