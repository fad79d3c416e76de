package io.wirepunch.core.facts;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;

/** Keys, addresses and facts the facts tests share. */
final class Fixtures {
    static final String NETWORK = "home";
    static final Duration TTL = Duration.ofMinutes(2);
    static final Multiaddr ADDR = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");
    static final Multiaddr CIRCUIT = Multiaddr.parse(
            "/ip4/203.0.113.9/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN/p2p-circuit");
    static final byte[] BOOT_ID = new byte[FactsProtocol.BOOT_ID_BYTES];

    private Fixtures() {}

    static PrivateKey key() {
        return Keys.generateEd25519();
    }

    static PeerId id(PrivateKey key) {
        return key.publicKey().peerId();
    }

    static SignedFact signed(PrivateKey issuer, Fact fact) {
        return SignedFact.sign(issuer, fact);
    }

    static Fact endpoint(PeerId subject, Instant at) {
        return Fact.endpoint(subject, ADDR, TTL, at);
    }
}
