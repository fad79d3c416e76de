package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads count at once, as the relay's event loops do; no byte may be lost or counted twice. */
@Timeout(60)
class UsageConcurrencyTest {
    private static final int THREADS = 4;
    private static final int RECORDS_PER_THREAD = 50_000;
    private static final Period FIRST = Period.startingAt(FakeClock.START, Duration.ofDays(1));

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    private static UsageAccountant accountant(int maxTrackedPeers) {
        return new UsageAccountant(UsageLimit.of(ByteSize.TB), UsageLimit.of(ByteSize.GB), FIRST, UsageTotals.EMPTY,
                maxTrackedPeers, new EventBus<>());
    }

    /** Records random chunks between distinct random peers; returns what each thread recorded per peer. */
    private List<Future<Map<PeerId, Long>>> recordFromManyThreads(UsageAccountant usage, int peers, CountDownLatch go) {
        PeerId[] ids = new PeerId[peers];
        for (int i = 0; i < peers; i++) {
            ids[i] = peer(i);
        }
        List<Future<Map<PeerId, Long>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            SplittableRandom random = new SplittableRandom(t);
            Callable<Map<PeerId, Long>> task = () -> {
                Map<PeerId, Long> recorded = new HashMap<>();
                go.await();
                for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                    int from = random.nextInt(peers);
                    int to = (from + 1 + random.nextInt(peers - 1)) % peers;
                    long bytes = 1 + random.nextInt(1500);
                    usage.record(ids[from], ids[to], bytes);
                    recorded.merge(ids[from], bytes, Long::sum);
                    recorded.merge(ids[to], bytes, Long::sum);
                }
                return recorded;
            };
            results.add(pool.submit(task));
        }
        return results;
    }

    private Map<PeerId, Long> recordAndWait(UsageAccountant usage, int peers) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<PeerId, Long>>> results = recordFromManyThreads(usage, peers, go);
        go.countDown();
        return merged(results);
    }

    private static Map<PeerId, Long> merged(List<Future<Map<PeerId, Long>>> results) throws Exception {
        Map<PeerId, Long> all = new HashMap<>();
        for (Future<Map<PeerId, Long>> result : results) {
            result.get().forEach((peer, bytes) -> all.merge(peer, bytes, Long::sum));
        }
        return all;
    }

    private static long sum(Map<PeerId, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyPeersCountIsExactWhenAllAreTracked() throws Exception {
        UsageAccountant usage = accountant(UsageAccountant.DEFAULT_MAX_TRACKED_PEERS);
        Map<PeerId, Long> expected = recordAndWait(usage, 50);

        UsageTotals totals = usage.totals();
        assertThat(totals.peerBytes()).isEqualTo(expected);
        assertThat(totals.otherPeersBytes()).isZero();
        assertThat(2 * totals.networkBytes()).isEqualTo(sum(expected));
    }

    @Test
    void foldingPeersWhileOthersCountLosesNoByte() throws Exception {
        UsageAccountant usage = accountant(16);
        Map<PeerId, Long> expected = recordAndWait(usage, 200);

        UsageTotals totals = usage.totals();
        assertThat(totals.peerBytes()).hasSizeLessThanOrEqualTo(16);
        assertThat(totals.otherPeersBytes()).isPositive();
        assertThat(sum(totals.peerBytes()) + totals.otherPeersBytes()).isEqualTo(sum(expected));
        assertThat(2 * totals.networkBytes()).isEqualTo(sum(expected));
    }

    @Test
    void periodsEndingWhileThreadsCountLoseNoByteAndCountNoneTwice() throws Exception {
        UsageAccountant usage = accountant(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<PeerId, Long>>> results = recordFromManyThreads(usage, 100, go);
        AtomicInteger rollovers = new AtomicInteger();
        Future<List<UsageTotals>> ended = pool.submit(() -> {
            List<UsageTotals> closed = new ArrayList<>();
            go.await();
            Period period = FIRST;
            while (results.stream().anyMatch(r -> !r.isDone())) {
                period = new Period(period.end(), period.end().plus(period.length()));
                closed.add(usage.rollOver(period));
                rollovers.incrementAndGet();
            }
            return closed;
        });
        go.countDown();
        Map<PeerId, Long> expected = merged(results);

        List<UsageTotals> periods = new ArrayList<>(ended.get());
        periods.add(usage.totals());
        long network = periods.stream().mapToLong(UsageTotals::networkBytes).sum();
        long perPeer = periods.stream().mapToLong(t -> sum(t.peerBytes()) + t.otherPeersBytes()).sum();
        assertThat(rollovers.get()).isPositive();
        assertThat(2 * network).isEqualTo(sum(expected));
        assertThat(perPeer).isEqualTo(sum(expected));
    }
}
