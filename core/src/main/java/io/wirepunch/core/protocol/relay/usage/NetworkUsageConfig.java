package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.require;
import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.requireNonNegative;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code network_usage} section: how many payload bytes the relay carries per timeframe,
 * globally and per peer, and where the counts are kept. Names follow Wireleap's relay; a limit
 * of 0 means no limit, as there. Relative paths are resolved against the node's data directory
 * ({@link #statsFileIn}, {@link #archiveDirIn}).
 */
public record NetworkUsageConfig(long globalLimit, long peerLimit, Duration timeframe, Duration writeInterval,
                                 Path statsFile, Path archiveDir) {
    static final String SECTION = "network_usage";

    /**
     * A relay on someone's desktop should not eat a metered uplink unasked (Wireleap's relay has
     * no default limit; it serves operators who choose one).
     */
    public static final long DEFAULT_GLOBAL_LIMIT = 10 * ByteSize.GB;
    /** One tenth of the global default, so that no single peer can take the whole allowance. */
    public static final long DEFAULT_PEER_LIMIT = ByteSize.GB;
    /** A month, as in Wireleap's documented example: hosting quotas are monthly. */
    public static final Duration DEFAULT_TIMEFRAME = Duration.ofDays(30);
    /** Wireleap's relay default: a kill loses at most a minute of counts. */
    public static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofMinutes(1);
    /** Wireleap's relay name for the same file. */
    public static final Path DEFAULT_STATS_FILE = Path.of("stats.json");
    public static final Path DEFAULT_ARCHIVE_DIR = Path.of("archive");

    /** Archived periods are named to the second; a shorter timeframe would only flood the archive. */
    public static final Duration MIN_TIMEFRAME = Duration.ofMinutes(1);
    /** Below this the stats file would be rewritten faster than a disk deserves. */
    public static final Duration MIN_WRITE_INTERVAL = Duration.ofMillis(100);

    public static final NetworkUsageConfig DEFAULTS = new NetworkUsageConfig(DEFAULT_GLOBAL_LIMIT, DEFAULT_PEER_LIMIT,
            DEFAULT_TIMEFRAME, DEFAULT_WRITE_INTERVAL, DEFAULT_STATS_FILE, DEFAULT_ARCHIVE_DIR);

    public NetworkUsageConfig {
        requireNonNegative(globalLimit, SECTION + ".global_limit");
        requireNonNegative(peerLimit, SECTION + ".peer_limit");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(writeInterval, "writeInterval");
        Objects.requireNonNull(statsFile, "statsFile");
        Objects.requireNonNull(archiveDir, "archiveDir");
        require(timeframe.compareTo(MIN_TIMEFRAME) >= 0, SECTION + ".timeframe",
                "must be at least " + DurationText.format(MIN_TIMEFRAME) + ", was " + DurationText.format(timeframe));
        require(writeInterval.compareTo(MIN_WRITE_INTERVAL) >= 0, SECTION + ".write_interval",
                "must be at least " + DurationText.format(MIN_WRITE_INTERVAL) + ", was " + DurationText.format(writeInterval));
        require(!statsFile.toString().isEmpty(), SECTION + ".stats_file", "must not be empty");
        require(!archiveDir.toString().isEmpty(), SECTION + ".archive_dir", "must not be empty");
    }

    public NetworkUsageConfig withLimits(long globalLimit, long peerLimit) {
        return new NetworkUsageConfig(globalLimit, peerLimit, timeframe, writeInterval, statsFile, archiveDir);
    }

    public NetworkUsageConfig withTimes(Duration timeframe, Duration writeInterval) {
        return new NetworkUsageConfig(globalLimit, peerLimit, timeframe, writeInterval, statsFile, archiveDir);
    }

    public Path statsFileIn(Path dataDir) {
        return dataDir.resolve(statsFile);
    }

    public Path archiveDirIn(Path dataDir) {
        return dataDir.resolve(archiveDir);
    }
}
