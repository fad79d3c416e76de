package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/** Peers, addresses and a settable clock for the record store tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Fixtures() {}

    /** A valid sha2-256 peer id, distinct for every distinct {@code n}. */
    static PeerId peer(int n) {
        byte[] bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        bytes[30] = (byte) (n >>> 24);
        bytes[31] = (byte) (n >>> 16);
        bytes[32] = (byte) (n >>> 8);
        bytes[33] = (byte) n;
        return PeerId.fromBytes(bytes);
    }

    static List<Multiaddr> addrs(int count) {
        return IntStream.range(0, count).mapToObj(i -> Multiaddr.parse("/ip4/10.0.0." + (i + 1) + "/tcp/4001")).toList();
    }

    static byte[] key(int n) {
        return ("key-" + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A clock that only moves when told to. */
    static final class FakeClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }
    }
}
