package io.wirepunch.core.protocol.kad.workbits;

import io.wirepunch.core.identity.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Searches, on several threads, for an Ed25519 key with enough work for a {@link WorkRequirement}.
 * The first thread to find one stops the others; {@link #cancel()} stops them all. Progress is
 * reported from the search threads themselves, at most once per progress interval, so the
 * callback must be quick and thread-safe.
 *
 * <p>The threads are daemons: a command-line search interrupted by the user must not keep the
 * JVM alive.
 */
public final class WorkKeySearch {
    /** Most threads one search starts; more than any desktop has cores, so a larger value is a mistake. */
    public static final int MAX_THREADS = 256;

    /**
     * Candidates a thread tries between looks at the stop flag and the shared attempt counter:
     * a few milliseconds of work, so cancellation is prompt and the counter is rarely contended.
     */
    public static final int BATCH_SIZE = 64;

    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private record Found(PrivateKey key, int work) {}

    private final WorkRequirement target;
    private final byte[] namespace;
    private final int threads;
    private final long progressIntervalNanos;
    private final Consumer<SearchProgress> progress;
    private final long startNanos = System.nanoTime();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong nextReportNanos;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Found> winner = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger running;
    private final CompletableFuture<SearchResult> result = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private WorkKeySearch(WorkRequirement target, int threads, Duration progressInterval,
            Consumer<SearchProgress> progress) {
        this.target = Objects.requireNonNull(target, "target");
        this.namespace = WorkBits.namespaceBytes(target.namespace());
        this.threads = checkThreads(threads);
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progress interval cannot be negative: " + progressInterval);
        }
        this.progressIntervalNanos = progressInterval.toNanos();
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nextReportNanos = new AtomicLong(startNanos + progressIntervalNanos);
        this.running = new AtomicInteger(threads);
        // Whoever completes the result (a winner, cancel(), or a caller cancelling the future) ends the search.
        result.whenComplete((r, e) -> stopping.set(true));
    }

    /** Starts a search on every available core, reporting progress every {@link #DEFAULT_PROGRESS_INTERVAL}. */
    public static WorkKeySearch start(WorkRequirement target, Consumer<SearchProgress> progress) {
        return start(target, defaultThreads(), DEFAULT_PROGRESS_INTERVAL, progress);
    }

    /** One thread per core, up to {@link #MAX_THREADS}. */
    public static int defaultThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
    }

    public static WorkKeySearch start(WorkRequirement target, int threads, Duration progressInterval,
            Consumer<SearchProgress> progress) {
        WorkKeySearch search = new WorkKeySearch(target, threads, progressInterval, progress);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(search::search, "workbits-search-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        return search;
    }

    /**
     * The key found, once every thread has stopped. Fails with a {@code CancellationException}
     * after {@link #cancel()}; cancelling this future stops the search too.
     */
    public CompletionStage<SearchResult> result() {
        return result;
    }

    /** Completes when every search thread has returned. */
    public CompletionStage<Void> stopped() {
        return stopped;
    }

    /** Stops every thread within one batch; a key found meanwhile is discarded. */
    public void cancel() {
        result.cancel(false);
    }

    /** Candidates tried so far, counted a batch at a time. */
    public long attempts() {
        return attempts.get();
    }

    public int threads() {
        return threads;
    }

    static int checkThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        return threads;
    }

    private void search() {
        Ed25519Candidates candidates = new Ed25519Candidates(namespace);
        try {
            while (!stopping.get()) {
                int tried = 0;
                boolean hit = false;
                while (tried < BATCH_SIZE && !hit) {
                    tried++;
                    hit = candidates.next() >= target.bits();
                }
                long total = attempts.addAndGet(tried);
                if (hit) {
                    claim(candidates.keyOfSeed());
                } else {
                    reportIfDue(total);
                }
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            stopping.set(true);
        } finally {
            candidates.forget();
            if (running.decrementAndGet() == 0) {
                finish();
            }
        }
    }

    /** Checks the candidate through the key's own marshalling before it can win. */
    private void claim(PrivateKey key) {
        int work = WorkBits.of(key.publicKey(), target.namespace());
        if (work < target.bits()) {
            throw new IllegalStateException("a candidate's work (" + work + " bits) changed when its key was built");
        }
        if (winner.compareAndSet(null, new Found(key, work))) {
            stopping.set(true);
        }
    }

    private void reportIfDue(long total) {
        long now = System.nanoTime();
        long due = nextReportNanos.get();
        if (now - due >= 0 && nextReportNanos.compareAndSet(due, now + progressIntervalNanos)) {
            progress.accept(snapshot(total, now));
        }
    }

    private void finish() {
        SearchProgress last = snapshot(attempts.get(), System.nanoTime());
        Found found = winner.get();
        Throwable failed = failure.get();
        // Stopped first: whoever is woken by the result may rely on every worker having ended.
        stopped.complete(null);
        if (found != null) {
            result.complete(new SearchResult(found.key(), found.work(), last));
        } else if (failed != null) {
            result.completeExceptionally(failed);
        } else {
            result.cancel(false);
        }
    }

    private SearchProgress snapshot(long total, long nowNanos) {
        return new SearchProgress(total, Duration.ofNanos(nowNanos - startNanos), threads);
    }
}
