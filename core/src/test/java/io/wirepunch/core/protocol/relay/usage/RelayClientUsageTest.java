package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RelayClientUsageTest {
    private final PeerId relayA = peer(10);
    private final PeerId relayB = peer(11);

    @Test
    void countsWhatWasSentAndReceivedThroughEachRelay() {
        RelayClientUsage usage = new RelayClientUsage();
        usage.sent(relayA, 100);
        usage.received(relayA, 5000);
        usage.sent(relayB, 7);
        usage.sent(relayA, 1);

        assertThat(usage.of(relayA)).isEqualTo(new RelayClientUsage.RelayTraffic(relayA, 101, 5000));
        assertThat(usage.of(peer(99))).isEqualTo(new RelayClientUsage.RelayTraffic(peer(99), 0, 0));
        RelayClientUsage.Snapshot snapshot = usage.snapshot();
        assertThat(snapshot.relays()).containsExactly(
                new RelayClientUsage.RelayTraffic(relayA, 101, 5000),
                new RelayClientUsage.RelayTraffic(relayB, 7, 0));
        assertThat(snapshot.totalSentBytes()).isEqualTo(108);
        assertThat(snapshot.totalReceivedBytes()).isEqualTo(5000);
        assertThat(snapshot.relays().get(0).totalBytes()).isEqualTo(5101);
    }

    @Test
    void pastTheTrackedRelaysTheLeastUsedIsFoldedAndTheTotalsKeepEveryByte() {
        RelayClientUsage usage = new RelayClientUsage();
        int max = RelayClientUsage.DEFAULT_MAX_TRACKED_RELAYS;
        for (int i = 0; i < max; i++) {
            usage.sent(peer(i), 100 + i);
        }
        assertThat(usage.snapshot().relays()).hasSize(max);
        assertThat(usage.snapshot().otherRelaysSentBytes()).isZero();

        usage.sent(peer(max), 1);

        RelayClientUsage.Snapshot snapshot = usage.snapshot();
        assertThat(snapshot.relays()).hasSize(max).extracting(RelayClientUsage.RelayTraffic::relay).doesNotContain(peer(0));
        assertThat(snapshot.otherRelaysSentBytes()).isEqualTo(100);
        long expected = 1;
        for (int i = 0; i < max; i++) {
            expected += 100 + i;
        }
        assertThat(snapshot.totalSentBytes()).isEqualTo(expected);
    }

    @Test
    void countsFromManyThreadsAreExact() throws Exception {
        RelayClientUsage usage = new RelayClientUsage();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        usage.sent(i % 2 == 0 ? relayA : relayB, 3);
                        usage.received(relayA, 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(usage.of(relayA)).isEqualTo(new RelayClientUsage.RelayTraffic(relayA, 120_000, 80_000));
        assertThat(usage.of(relayB)).isEqualTo(new RelayClientUsage.RelayTraffic(relayB, 120_000, 0));
    }

    @Test
    void negativeCountsAreRefused() {
        RelayClientUsage usage = new RelayClientUsage();
        assertThatThrownBy(() -> usage.sent(relayA, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> usage.received(relayA, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
