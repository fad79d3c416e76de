package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.testutil.FakeClock;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** Peers, addresses and a clock for routing table tests. */
final class TestPeers {
    static final Instant START = FakeClock.START;
    static final LivenessCheck ALWAYS_ALIVE = peer -> CompletableFuture.completedFuture(true);
    static final LivenessCheck NEVER_ALIVE = peer -> CompletableFuture.completedFuture(false);

    private TestPeers() {}

    /** A valid sha2-256 peer id with random digest bytes: cheap, and spread over the key space. */
    static PeerId randomPeer(RandomGenerator random) {
        byte[] bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return PeerId.fromBytes(bytes);
    }

    /** A random peer whose id falls in bucket {@code index} of a table around {@code local}. */
    static PeerId peerInBucket(KadId local, int index, RandomGenerator random) {
        while (true) {
            PeerId peer = randomPeer(random);
            if (local.commonPrefixLength(KadId.of(peer)) == index) {
                return peer;
            }
        }
    }

    /** A public IPv4 address of its own /24 for every distinct {@code n}. */
    static List<Multiaddr> distinctNetwork(int n) {
        return List.of(Multiaddr.parse("/ip4/" + (11 + n / 65536) + "." + (n / 256 % 256) + "." + (n % 256) + ".7/tcp/4001"));
    }

    static List<Multiaddr> addresses(String... text) {
        return java.util.Arrays.stream(text).map(Multiaddr::parse).toList();
    }
}
