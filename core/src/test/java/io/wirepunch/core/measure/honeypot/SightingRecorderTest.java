package io.wirepunch.core.measure.honeypot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.InMemoryStore;
import io.wirepunch.core.measure.store.StoreException;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.testutil.TestPeerIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sightings reach the store off the event threads, a bounded number wait, and a failing store is counted. */
class SightingRecorderTest {
    private static SightingRecorder.Sighting sighting(int n) {
        return new SightingRecorder.Sighting(TestPeerIds.peer(n), "agent", List.of("/libp2p/dcutr"), List.of());
    }

    @Test
    void beyondTheBoundSightingsAreDroppedWhileTheStoreIsStuck() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        InMemoryStore slow = new InMemoryStore() {
            @Override
            public void recordSighting(PeerId peer, String agent, List<String> protocols, List<Multiaddr> addrs, Instant at) {
                try {
                    stuck.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.recordSighting(peer, agent, protocols, addrs, at);
            }
        };
        SightingRecorder r = new SightingRecorder(slow, Clock.systemUTC());
        // The first is taken by the writer (stuck in the store), the next MAX_PENDING wait, one more is dropped.
        for (int i = 0; i <= SightingRecorder.MAX_PENDING; i++) {
            assertThat(r.offer(sighting(i))).isTrue();
        }
        assertThat(r.offer(sighting(SightingRecorder.MAX_PENDING + 1))).isFalse();
        assertThat(r.dropped()).isEqualTo(1);

        stuck.countDown();
        r.close();
        assertThat(r.recorded()).isEqualTo(SightingRecorder.MAX_PENDING + 1L);
        assertThat(slow.sightings).hasSize(SightingRecorder.MAX_PENDING + 1);
    }

    @Test
    void aFailingStoreIsCountedAndTheNextSightingStillGoesIn() {
        InMemoryStore flaky = new InMemoryStore() {
            private boolean failed;

            @Override
            public synchronized void recordSighting(PeerId peer, String agent, List<String> protocols,
                                                    List<Multiaddr> addrs, Instant at) {
                if (!failed) {
                    failed = true;
                    throw new StoreException("database unreachable");
                }
                super.recordSighting(peer, agent, protocols, addrs, at);
            }
        };
        try (SightingRecorder r = new SightingRecorder(flaky, Clock.systemUTC())) {
            r.offer(sighting(1));
            r.offer(sighting(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> r.recorded() == 1);
            assertThat(r.failed()).isEqualTo(1);
            assertThat(flaky.sightings).extracting(InMemoryStore.Sighting::peer).containsExactly(TestPeerIds.peer(2));
        }
        SightingRecorder closed = new SightingRecorder(flaky, Clock.systemUTC());
        closed.close();
        assertThat(closed.offer(sighting(3))).isFalse();
    }
}
