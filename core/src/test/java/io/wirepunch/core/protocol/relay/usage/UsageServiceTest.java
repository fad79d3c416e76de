package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageServiceTest {
    private static final Duration TIMEFRAME = Duration.ofDays(30);
    private static final NetworkUsageConfig CONFIG = NetworkUsageConfig.DEFAULTS.withLimits(ByteSize.MB, ByteSize.MB)
            .withTimes(TIMEFRAME, Duration.ofMinutes(5));

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final List<UsageEvent> events = new ArrayList<>();
    private final PeerId a = peer(1);
    private final PeerId b = peer(2);

    private UsageService service(NetworkUsageConfig config) {
        UsageService service = new UsageService(config, dir, clock);
        service.subscribe(events::add);
        return service;
    }

    private StatsDocument stats() throws IOException {
        return StatsFormat.decode(Files.readAllBytes(dir.resolve("stats.json")));
    }

    private StatsDocument archived(Period period) throws IOException {
        return StatsFormat.decode(Files.readAllBytes(dir.resolve("archive").resolve(period.archiveFileName())));
    }

    private List<Path> archiveFiles() throws IOException {
        Path archive = dir.resolve("archive");
        if (!Files.exists(archive)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archive)) {
            return files.sorted().toList();
        }
    }

    /** Starts a service, counts {@code bytes} between two peers, stops it; returns its period. */
    private Period countAndStop(long bytes) throws IOException {
        UsageService service = service(CONFIG);
        Period period = service.start().period();
        service.accountant().record(a, b, bytes);
        service.stop();
        return period;
    }

    @Test
    void aFirstStartBeginsAPeriodNowAndWritesIt() throws IOException {
        clock.set(FakeClock.START.plusMillis(400));
        UsageAccountant usage = service(CONFIG).start();

        assertThat(usage.period()).isEqualTo(new Period(FakeClock.START, FakeClock.START.plus(TIMEFRAME)));
        assertThat(stats()).isEqualTo(new StatsDocument(usage.period(), UsageTotals.EMPTY, clock.instant()));
        assertThat(events).isEmpty();
    }

    @Test
    void countsAreWrittenAtEachTickAndAtStopAndReadBackAtTheNextStart() throws IOException {
        UsageService service = service(CONFIG);
        UsageAccountant usage = service.start();
        usage.record(a, b, 1000);
        clock.advance(Duration.ofMinutes(5));
        service.tick();
        assertThat(stats().totals().networkBytes()).isEqualTo(1000);
        assertThat(stats().updatedAt()).isEqualTo(clock.instant());

        usage.record(b, a, 24);
        clock.advance(Duration.ofMinutes(1));
        service.stop();
        service.stop();
        service.tick();
        assertThat(stats().totals()).isEqualTo(new UsageTotals(1024, Map.of(a, 1024L, b, 1024L), 0));

        clock.advance(Duration.ofHours(3));
        UsageService restarted = service(CONFIG);
        UsageAccountant resumed = restarted.start();
        assertThat(resumed.period()).isEqualTo(usage.period());
        assertThat(resumed.totals()).isEqualTo(new UsageTotals(1024, Map.of(a, 1024L, b, 1024L), 0));
        assertThat(restarted.snapshot().globalBytes()).isEqualTo(1024);
        assertThat(archiveFiles()).isEmpty();
    }

    @Test
    void aStatsFileWithMorePeersThanTrackedIsFoldedOnLoad() throws IOException {
        UsageService service = service(CONFIG);
        UsageAccountant usage = service.start();
        usage.record(a, b, 100);
        usage.record(peer(3), peer(4), 1);
        service.stop();

        UsageAccountant narrow = new UsageService(CONFIG, dir, clock, 2).start();
        assertThat(narrow.totals()).isEqualTo(new UsageTotals(101, Map.of(a, 100L, b, 100L), 2));
    }

    @Test
    void restoredCountsStillCountAgainstTheLimits() throws IOException {
        countAndStop(943_719);

        UsageAccountant resumed = service(CONFIG).start();
        assertThat(resumed.admitReservation(peer(3))).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
        assertThat(resumed.admitReservation(a)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
    }

    @Test
    void theEndOfATimeframeArchivesThePeriodAndRestartsTheCount() throws IOException {
        UsageService service = service(CONFIG);
        UsageAccountant usage = service.start();
        Period first = usage.period();
        usage.record(a, b, 975_176);
        assertThat(usage.admitReservation(a)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);

        clock.set(first.end().minusMillis(1));
        service.tick();
        assertThat(usage.period()).isEqualTo(first);
        assertThat(archiveFiles()).isEmpty();

        usage.record(a, b, 1);
        clock.set(first.end());
        service.tick();

        Period second = new Period(first.end(), first.end().plus(TIMEFRAME));
        assertThat(usage.period()).isEqualTo(second);
        assertThat(usage.admitReservation(a)).isEqualTo(Admission.ADMIT);
        assertThat(archiveFiles()).containsExactly(dir.resolve("archive/20250101T000000Z-20250131T000000Z.json"));
        assertThat(archived(first)).isEqualTo(new StatsDocument(first,
                new UsageTotals(975_177, Map.of(a, 975_177L, b, 975_177L), 0), first.end()));
        assertThat(stats()).isEqualTo(new StatsDocument(second, UsageTotals.EMPTY, first.end()));
        assertThat(events).filteredOn(UsageEvent.PeriodArchived.class::isInstance).containsExactly(
                new UsageEvent.PeriodArchived(first, 975_177, dir.resolve("archive").resolve(first.archiveFileName()), second));
    }

    @Test
    void afterDowntimeOfSeveralTimeframesTheStoredPeriodIsArchivedWithItsTrueEndAndCountingStaysOnSchedule()
            throws IOException {
        UsageService service = service(CONFIG);
        UsageAccountant usage = service.start();
        Period first = usage.period();
        usage.record(a, b, 5000);
        clock.advance(Duration.ofDays(2));
        service.stop();

        clock.set(first.start().plus(TIMEFRAME.multipliedBy(3)).plus(Duration.ofDays(10)));
        UsageAccountant resumed = service(CONFIG).start();

        Period expected = new Period(first.start().plus(TIMEFRAME.multipliedBy(3)), first.start().plus(TIMEFRAME.multipliedBy(4)));
        assertThat(resumed.period()).isEqualTo(expected);
        assertThat(resumed.totals()).isEqualTo(UsageTotals.EMPTY);
        assertThat(archiveFiles()).hasSize(1);
        assertThat(archived(first).totals().networkBytes()).isEqualTo(5000);
        assertThat(archived(first).updatedAt()).as("when the counts were last taken").isEqualTo(first.start().plus(Duration.ofDays(2)));
        assertThat(stats().period()).isEqualTo(expected);
        assertThat(events).containsExactly(new UsageEvent.PeriodArchived(first, 5000,
                dir.resolve("archive").resolve(first.archiveFileName()), expected));
    }

    @Test
    void aChangedTimeframeIsMeasuredFromTheStoredStart() throws IOException {
        Period first = countAndStop(77);

        NetworkUsageConfig weekly = CONFIG.withTimes(Duration.ofDays(7), CONFIG.writeInterval());
        clock.set(first.start().plus(Duration.ofDays(3)));
        UsageAccountant stillRunning = service(weekly).start();
        assertThat(stillRunning.period()).isEqualTo(new Period(first.start(), first.start().plus(Duration.ofDays(7))));
        assertThat(stillRunning.totals().networkBytes()).isEqualTo(77);

        clock.set(first.start().plus(Duration.ofDays(8)));
        UsageAccountant rolled = service(weekly).start();
        assertThat(rolled.period().start()).isEqualTo(first.start().plus(Duration.ofDays(7)));
        assertThat(archiveFiles()).containsExactly(dir.resolve("archive/20250101T000000Z-20250108T000000Z.json"));
    }

    @Test
    void aClockSetBeforeTheStoredStartKeepsCountingInTheStoredPeriod() throws IOException {
        Period first = countAndStop(12);

        clock.set(first.start().minus(Duration.ofDays(40)));
        UsageAccountant resumed = service(CONFIG).start();
        assertThat(resumed.period()).isEqualTo(first);
        assertThat(resumed.totals().networkBytes()).isEqualTo(12);
    }

    @Test
    void aDamagedStatsFileIsKeptAsideReportedAndCountingStartsAfresh() throws IOException {
        Path stats = dir.resolve("stats.json");
        Files.writeString(stats, "{\"version\": 1, \"start_at\": \"2025-01-01T00:00:00Z\", \"network_by");
        clock.set(Instant.parse("2025-03-04T05:06:07.890Z"));

        UsageAccountant usage = service(CONFIG).start();

        Path keptAs = dir.resolve("stats.json.corrupt-20250304T050607Z");
        assertThat(keptAs).hasContent("{\"version\": 1, \"start_at\": \"2025-01-01T00:00:00Z\", \"network_by");
        assertThat(usage.totals()).isEqualTo(UsageTotals.EMPTY);
        assertThat(usage.period().start()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
        assertThat(stats().totals()).isEqualTo(UsageTotals.EMPTY);
        assertThat(events).singleElement().isInstanceOfSatisfying(UsageEvent.StatsFileUnreadable.class, e -> {
            assertThat(e.file()).isEqualTo(stats);
            assertThat(e.keptAs()).isEqualTo(keptAs);
            assertThat(e.reason()).startsWith("not valid JSON");
        });

        Files.writeString(stats, "[]");
        service(CONFIG).start();
        assertThat(dir.resolve("stats.json.corrupt-20250304T050607Z-1")).hasContent("[]");
    }

    @Test
    void aStatsFileThatCannotBeReadIsKeptAsideToo() throws IOException {
        Files.createDirectories(dir.resolve("stats.json"));
        UsageAccountant usage = service(CONFIG).start();
        assertThat(usage.totals()).isEqualTo(UsageTotals.EMPTY);
        assertThat(dir.resolve("stats.json.corrupt-20250101T000000Z")).isDirectory();
        assertThat(events).singleElement().isInstanceOfSatisfying(UsageEvent.StatsFileUnreadable.class,
                e -> assertThat(e.reason()).startsWith("cannot be read"));
    }

    @Test
    void aStatsFileThatCanBeNeitherWrittenNorSetAsideFailsTheStart() throws IOException {
        Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        NetworkUsageConfig blocked = new NetworkUsageConfig(0, 0, TIMEFRAME, CONFIG.writeInterval(),
                Path.of("blocker/stats.json"), Path.of("archive"));
        UsageService service = service(blocked);
        assertThatThrownBy(service::start).isInstanceOf(IOException.class);
        assertThatThrownBy(service::accountant).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedWriteIsReportedAndTriedAgainAtTheNextTick() throws IOException {
        NetworkUsageConfig nested = new NetworkUsageConfig(0, 0, TIMEFRAME, CONFIG.writeInterval(),
                Path.of("usage/stats.json"), Path.of("usage/archive"));
        UsageService service = service(nested);
        UsageAccountant usage = service.start();
        Period first = usage.period();
        usage.record(a, b, 9);

        Path usageDir = dir.resolve("usage");
        Files.delete(usageDir.resolve("stats.json"));
        Files.delete(usageDir);
        Files.writeString(usageDir, "in the way");
        clock.set(first.end());
        service.tick();

        assertThat(events).hasSize(2).allMatch(UsageEvent.WriteFailed.class::isInstance);
        assertThat(((UsageEvent.WriteFailed) events.get(0)).file()).isEqualTo(usageDir.resolve("archive").resolve(first.archiveFileName()));
        assertThat(((UsageEvent.WriteFailed) events.get(1)).file()).isEqualTo(usageDir.resolve("stats.json"));

        Files.delete(usageDir);
        events.clear();
        clock.advance(Duration.ofMinutes(5));
        service.tick();
        assertThat(events).singleElement().isInstanceOf(UsageEvent.PeriodArchived.class);
        assertThat(StatsFormat.decode(Files.readAllBytes(usageDir.resolve("archive").resolve(first.archiveFileName())))
                .totals().networkBytes()).isEqualTo(9);
        assertThat(StatsFormat.decode(Files.readAllBytes(usageDir.resolve("stats.json"))).period().start()).isEqualTo(first.end());
    }

    @Test
    void theAccountantExistsOnlyAfterStartAndStartsOnce() throws IOException {
        UsageService service = service(CONFIG);
        assertThatThrownBy(service::accountant).isInstanceOf(IllegalStateException.class);
        service.tick();
        service.stop();
        assertThat(dir.resolve("stats.json")).doesNotExist();
        service.start();
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStatsFileIsReadableJson() throws IOException {
        UsageService service = service(CONFIG);
        service.start().record(a, b, 5);
        service.tick();
        String text = Files.readString(dir.resolve("stats.json"), StandardCharsets.UTF_8);
        assertThat(text).contains("\"start_at\" : \"2025-01-01T00:00:00Z\"", "\"network_bytes\" : 5",
                "\"" + a.toBase58() + "\" : {");
    }
}
