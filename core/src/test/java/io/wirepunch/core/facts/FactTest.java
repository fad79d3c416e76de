package io.wirepunch.core.facts;

import static io.wirepunch.core.facts.Fixtures.ADDR;
import static io.wirepunch.core.facts.Fixtures.BOOT_ID;
import static io.wirepunch.core.facts.Fixtures.CIRCUIT;
import static io.wirepunch.core.facts.Fixtures.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.facts.pb.FactsProtos;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.record.Envelope;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fact values within their limits, and the signed envelope around them. */
class FactTest {
    private static final Instant NOW = FakeClock.START;
    private final PrivateKey issuerKey = Fixtures.key();
    private final PeerId subject = Fixtures.id(Fixtures.key());

    @Test
    void everyAttributeRoundTripsThroughItsSignedEnvelope() {
        Fact[] facts = {
            Fact.endpoint(subject, ADDR, TTL, NOW),
            Fact.relayAddr(subject, CIRCUIT, TTL, NOW),
            Fact.allowedIp(subject, Cidr.parse("10.8.0.2/32"), TTL, NOW),
            Fact.allowedIp(subject, Cidr.parse("fd00:8::/64"), TTL, NOW),
            Fact.member(subject, "home", TTL, NOW),
            Fact.alive(subject, BOOT_ID, TTL, NOW),
            Fact.trust(subject, TrustLevel.MEMBERSHIP, TTL, NOW),
        };
        for (Fact f : facts) {
            SignedFact s = SignedFact.sign(issuerKey, f);
            SignedFact back = SignedFact.open(s.toBytes());
            assertThat(back.fact()).isEqualTo(f);
            assertThat(back.issuer()).isEqualTo(Fixtures.id(issuerKey));
            assertThat(back).isEqualTo(s);
            assertThat(back.toString()).contains(f.attribute().toString());
        }
        assertThat(facts[0].address()).isEqualTo(ADDR);
        assertThat(facts[2].allowedIp()).isEqualTo(Cidr.parse("10.8.0.2/32"));
        assertThat(facts[4].network()).isEqualTo("home");
        assertThat(facts[6].grantedLevel()).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThatThrownBy(facts[0]::network).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ttlIsBoundedBothWays() {
        Fact.endpoint(subject, ADDR, FactsProtocol.MIN_TTL, NOW);
        Fact.endpoint(subject, ADDR, FactsProtocol.MAX_TTL, NOW);
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR, FactsProtocol.MIN_TTL.minusSeconds(1), NOW))
                .hasMessageContaining("TTL");
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR, FactsProtocol.MAX_TTL.plusSeconds(1), NOW))
                .hasMessageContaining("TTL");
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR, TTL.plusMillis(1), NOW)).hasMessageContaining("TTL");
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR, TTL, Instant.EPOCH)).hasMessageContaining("epoch");
        Fact.endpoint(subject, ADDR, TTL, FactsProtocol.MAX_ISSUED_AT);
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR, TTL, FactsProtocol.MAX_ISSUED_AT.plusMillis(1)))
                .hasMessageContaining("before");
    }

    @Test
    void networkNamesAreBounded() {
        String longest = "n".repeat(FactsProtocol.MAX_NETWORK_NAME_BYTES);
        assertThat(Fact.member(subject, longest, TTL, NOW).network()).isEqualTo(longest);
        assertThatThrownBy(() -> Fact.member(subject, longest + "n", TTL, NOW)).hasMessageContaining("network name");
        assertThatThrownBy(() -> Fact.member(subject, "", TTL, NOW)).hasMessageContaining("network name");
        assertThatThrownBy(() -> new Fact(subject, Attribute.MEMBER, new byte[] {(byte) 0xC3}, TTL, NOW))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void valuesAreCheckedAgainstTheirAttribute() {
        assertThatThrownBy(() -> Fact.endpoint(subject, CIRCUIT, TTL, NOW)).hasMessageContaining("circuit");
        assertThatThrownBy(() -> Fact.relayAddr(subject, ADDR, TTL, NOW)).hasMessageContaining("not a circuit");
        assertThatThrownBy(() -> Fact.endpoint(subject, ADDR.withPeerId(subject), TTL, NOW)).hasMessageContaining("/p2p");
        assertThatThrownBy(() -> new Fact(subject, Attribute.ENDPOINT, new byte[0], TTL, NOW)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Fact(subject, Attribute.ENDPOINT, new byte[] {1, 2, 3}, TTL, NOW))
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> Fact.alive(subject, new byte[FactsProtocol.BOOT_ID_BYTES - 1], TTL, NOW))
                .hasMessageContaining("boot id");
        assertThatThrownBy(() -> Fact.alive(subject, new byte[FactsProtocol.BOOT_ID_BYTES + 1], TTL, NOW))
                .hasMessageContaining("boot id");
        for (TrustLevel notGrantable : new TrustLevel[] {TrustLevel.UNTRUSTED, TrustLevel.DELEGATE}) {
            assertThatThrownBy(() -> Fact.trust(subject, notGrantable, TTL, NOW)).hasMessageContaining("TRUST value");
        }
        assertThatThrownBy(() -> new Fact(subject, Attribute.TRUST, new byte[] {1, 1}, TTL, NOW))
                .hasMessageContaining("TRUST value");
    }

    @Test
    void allowedIpRangesMustBeExact() {
        assertThatThrownBy(() -> new Fact(subject, Attribute.ALLOWED_IP, new byte[] {10, 8, 0, 2, 24}, TTL, NOW))
                .hasMessageContaining("past its /24");
        assertThatThrownBy(() -> new Fact(subject, Attribute.ALLOWED_IP, new byte[] {10, 8, 0, 2, 33}, TTL, NOW))
                .hasMessageContaining("longer than the 32 bits");
        assertThatThrownBy(() -> new Fact(subject, Attribute.ALLOWED_IP, new byte[] {10, 8, 0, 2}, TTL, NOW))
                .hasMessageContaining("4 or 16");
        byte[] mapped = new byte[17];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        mapped[16] = (byte) 128;
        assertThatThrownBy(() -> new Fact(subject, Attribute.ALLOWED_IP, mapped, TTL, NOW))
                .hasMessageContaining("IPv4-mapped");
    }

    @Test
    void valuesAreBoundedBeforeTheyAreParsed() {
        byte[] tooLong = new byte[FactsProtocol.MAX_VALUE_BYTES + 1];
        assertThatThrownBy(() -> new Fact(subject, Attribute.ENDPOINT, tooLong, TTL, NOW))
                .hasMessageContaining("exceeds " + FactsProtocol.MAX_VALUE_BYTES);
    }

    @Test
    void aTamperedOrForeignEnvelopeDoesNotOpen() {
        byte[] good = SignedFact.sign(issuerKey, Fixtures.endpoint(subject, NOW)).toBytes();
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> SignedFact.open(bad)).isInstanceOf(FactWireException.class)
                .hasMessageContaining("signature");
        byte[] payload = Envelope.open(good, FactsProtocol.ENVELOPE_DOMAIN, FactsProtocol.PAYLOAD_TYPE).payload();
        byte[] otherDomain = Envelope.seal(issuerKey, "libp2p-routing-state", FactsProtocol.PAYLOAD_TYPE, payload).toBytes();
        assertThatThrownBy(() -> SignedFact.open(otherDomain)).isInstanceOf(FactWireException.class);
        byte[] otherType = Envelope.seal(issuerKey, FactsProtocol.ENVELOPE_DOMAIN, new byte[] {3, 2}, payload).toBytes();
        assertThatThrownBy(() -> SignedFact.open(otherType)).isInstanceOf(FactWireException.class)
                .hasMessageContaining("payload type");
        assertThatThrownBy(() -> SignedFact.open(new byte[] {1, 2, 3})).isInstanceOf(FactWireException.class);
    }

    @Test
    void aPayloadThatIsNoFactIsRefused() {
        FactsProtos.Fact valid = FactsProtos.Fact.newBuilder()
                .setSubject(ByteString.copyFrom(subject.toBytes()))
                .setAttribute(FactsProtos.Attribute.ENDPOINT)
                .setValue(ByteString.copyFrom(ADDR.toBytes()))
                .setTtlSeconds((int) TTL.toSeconds())
                .setIssuedAtMillis(NOW.toEpochMilli()).build();
        assertThat(SignedFact.open(seal(valid.toByteArray())).fact().address()).isEqualTo(ADDR);
        assertRefused(valid.toBuilder().setAttribute(FactsProtos.Attribute.ATTRIBUTE_UNSPECIFIED).build(), "attribute");
        assertRefused(valid.toBuilder().setAttributeValue(99).build(), "attribute");
        assertRefused(valid.toBuilder().setSubject(ByteString.copyFrom(new byte[] {1})).build(), "PeerId");
        assertRefused(valid.toBuilder().setTtlSeconds(-1).build(), "TTL");
        assertRefused(valid.toBuilder().setIssuedAtMillis(0).build(), "issued-at");
        assertRefused(valid.toBuilder().setIssuedAtMillis(-1).build(), "issued-at");
        assertRefused(valid.toBuilder().setIssuedAtMillis(FactsProtocol.MAX_ISSUED_AT.toEpochMilli() + 1).build(), "issued-at");
        assertThatThrownBy(() -> SignedFact.open(seal(new byte[] {(byte) 0xFF}))).isInstanceOf(FactWireException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void signedFactsAreBounded() {
        byte[] tooLarge = new byte[FactsProtocol.MAX_SIGNED_FACT_BYTES + 1];
        assertThatThrownBy(() -> SignedFact.open(tooLarge)).isInstanceOf(FactWireException.class)
                .hasMessageContaining("exceeds " + FactsProtocol.MAX_SIGNED_FACT_BYTES);
        // The longest value from an Ed25519 issuer stays far below the limit.
        StringBuilder text = new StringBuilder("/dns4/").append("a".repeat(200)).append("/tcp/1");
        SignedFact big = SignedFact.sign(issuerKey, Fact.endpoint(subject, Multiaddr.parse(text.toString()), TTL, NOW));
        assertThat(big.toBytes().length).isLessThan(FactsProtocol.MAX_SIGNED_FACT_BYTES / 4);
    }

    private byte[] seal(byte[] payload) {
        return Envelope.seal(issuerKey, FactsProtocol.ENVELOPE_DOMAIN, FactsProtocol.PAYLOAD_TYPE, payload).toBytes();
    }

    private void assertRefused(FactsProtos.Fact pb, String reason) {
        assertThatThrownBy(() -> SignedFact.open(seal(pb.toByteArray()))).isInstanceOf(FactWireException.class)
                .hasMessageContaining(reason);
    }
}
