package io.wirepunch.core.protocol.kad.workbits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkKeySearchTest {
    private static final int THREADS = 2;

    @Test
    void findsAKeyThatReallyHasTheRequiredWork() throws Exception {
        WorkRequirement target = new WorkRequirement("testnet", 6);
        WorkKeySearch search = WorkKeySearch.start(target, THREADS, Duration.ofHours(1), p -> {});
        SearchResult found = search.result().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(WorkBits.meets(found.key().publicKey(), "testnet", 6)).isTrue();
        assertThat(found.workBits()).isEqualTo(WorkBits.of(found.key().publicKey(), "testnet"));
        assertThat(found.progress().attempts()).isPositive().isEqualTo(search.attempts());
        assertThat(found.progress().threads()).isEqualTo(THREADS);
        assertThat(search.stopped().toCompletableFuture().isDone()).isTrue();
    }

    @Test
    void cancelStopsEveryThreadAndReportsProgressUntilThen() throws Exception {
        List<SearchProgress> reports = new CopyOnWriteArrayList<>();
        CountDownLatch threeReports = new CountDownLatch(3);
        WorkKeySearch search = WorkKeySearch.start(
                new WorkRequirement("", WorkBits.MAX_REQUIRED_BITS), THREADS, Duration.ZERO, p -> {
                    reports.add(p);
                    threeReports.countDown();
                });
        assertThat(threeReports.await(30, TimeUnit.SECONDS)).isTrue();

        search.cancel();
        search.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> search.result().toCompletableFuture().join()).isInstanceOf(CancellationException.class);
        long after = search.attempts();
        Thread.sleep(100);
        assertThat(search.attempts()).as("no thread still searching").isEqualTo(after);

        SearchProgress first = reports.get(0);
        assertThat(first.attempts()).isGreaterThanOrEqualTo(WorkKeySearch.BATCH_SIZE);
        assertThat(first.threads()).isEqualTo(THREADS);
        assertThat(reports.get(2).attempts()).isGreaterThan(first.attempts());
        assertThat(reports.get(2).attemptsPerSecond()).isPositive();
    }

    @Test
    void cancellingTheResultFutureStopsTheSearchToo() throws Exception {
        WorkKeySearch search = WorkKeySearch.start(
                new WorkRequirement("", WorkBits.MAX_REQUIRED_BITS), THREADS, Duration.ofHours(1), p -> {});
        search.result().toCompletableFuture().cancel(false);
        search.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailingProgressCallbackFailsTheSearchAndStopsIt() throws Exception {
        WorkKeySearch search = WorkKeySearch.start(new WorkRequirement("", WorkBits.MAX_REQUIRED_BITS), THREADS,
                Duration.ZERO, p -> {
                    throw new IllegalStateException("display closed");
                });
        search.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> search.result().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("display closed");
    }

    @Test
    void refusesWorkAboveTheMaximumAndThreadCountsOutOfRange() {
        assertThatThrownBy(() -> WorkKeySearch.start(
                        new WorkRequirement("", WorkBits.MAX_REQUIRED_BITS + 1), p -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum of 32");
        WorkRequirement easy = new WorkRequirement("", 1);
        assertThatThrownBy(() -> WorkKeySearch.start(easy, 0, Duration.ZERO, p -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkKeySearch.start(easy, WorkKeySearch.MAX_THREADS + 1, Duration.ZERO, p -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be between 1 and 256, got 257");
        assertThat(WorkKeySearch.checkThreads(WorkKeySearch.MAX_THREADS)).isEqualTo(WorkKeySearch.MAX_THREADS);
        assertThat(WorkKeySearch.defaultThreads()).isBetween(1, WorkKeySearch.MAX_THREADS);
    }
}
