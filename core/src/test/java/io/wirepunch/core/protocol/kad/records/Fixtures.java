package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.testutil.FakeClock;
import io.wirepunch.core.testutil.TestPeerIds;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Peers, addresses and a settable clock for the record store tests. */
final class Fixtures {
    static final Instant T0 = FakeClock.START;

    private Fixtures() {}

    /** A valid sha2-256 peer id, distinct for every distinct {@code n}. */
    static PeerId peer(int n) {
        return TestPeerIds.peer(n);
    }

    static List<Multiaddr> addrs(int count) {
        return IntStream.range(0, count).mapToObj(i -> Multiaddr.parse("/ip4/10.0.0." + (i + 1) + "/tcp/4001")).toList();
    }

    static byte[] key(int n) {
        return ("key-" + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
