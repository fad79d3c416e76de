package io.wirepunch.core.network;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;

/** Fixed Ed25519 keys for the network tests: key n comes from the seed whose bytes are all n. */
final class TestKeys {
    private TestKeys() {}

    static PrivateKey key(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return WireGuardKeysTest.fromSeed(seed);
    }

    static PeerId id(int n) {
        return key(n).publicKey().peerId();
    }

    static PeerKey peer(int n) {
        return PeerKey.of(id(n));
    }
}
