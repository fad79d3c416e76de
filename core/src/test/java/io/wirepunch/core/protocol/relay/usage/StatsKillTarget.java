package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.TestPeerIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process {@link UsageKillTest} kills: a relay's usage service counting without pause, its
 * stats written every {@link #WRITE_INTERVAL}. Before each batch it prints {@code upto N}, the
 * count it will not pass before its next line, and after it {@code reached N}; so the test
 * knows both what had surely been counted at any moment and what never was.
 */
public final class StatsKillTarget {
    static final Duration WRITE_INTERVAL = Duration.ofMillis(200);
    static final long BATCH_BYTES = 20_000;
    static final long CHUNK_BYTES = 1_000;
    static final PeerId SOURCE = TestPeerIds.peer(1);
    static final PeerId DESTINATION = TestPeerIds.peer(2);

    private StatsKillTarget() {}

    public static void main(String[] args) throws Exception {
        NetworkUsageConfig config = NetworkUsageConfig.DEFAULTS.withLimits(0, 0)
                .withTimes(NetworkUsageConfig.DEFAULT_TIMEFRAME, WRITE_INTERVAL);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        UsageAccountant usage = new UsageService(config, Path.of(args[0]), Clock.systemUTC()).start(scheduler);
        long counted = 0;
        while (true) {
            System.out.println("upto " + (counted + BATCH_BYTES));
            System.out.flush();
            for (long sent = 0; sent < BATCH_BYTES; sent += CHUNK_BYTES) {
                usage.record(SOURCE, DESTINATION, CHUNK_BYTES);
            }
            counted += BATCH_BYTES;
            System.out.println("reached " + counted);
            System.out.flush();
            // paces the count, so that it does not take a core of a shared machine
            Thread.sleep(2);
        }
    }
}
