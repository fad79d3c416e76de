package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.testutil.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay killed with SIGKILL, which runs no shutdown hook, still has its counts in
 * {@code stats.json}: all that was counted one write interval before the kill (with one more
 * interval of slack for a busy machine's scheduling and fsync), nothing that never was, and a
 * file that parses.
 */
class UsageKillTest {
    /** Batches to see counted before the kill: about a second of counting, several writes. */
    private static final int BATCHES_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    private record Line(String text, long receivedNanos) {}

    @Test
    @Timeout(30)
    void aKilledRelayKeepsItsCountsUpToOneWriteIntervalBeforeTheKill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StatsKillTarget.class.getName(), dir.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        List<Line> lines = new ArrayList<>();
        CountDownLatch enoughBatches = new CountDownLatch(BATCHES_BEFORE_KILL);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String text; (text = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(new Line(text, System.nanoTime()));
                    }
                    if (text.startsWith("reached ")) {
                        enoughBatches.countDown();
                    }
                }
            } catch (IOException e) {
                // the process died; what was read is what counts
            }
        });
        reader.start();
        long killedAt;
        try {
            assertThat(enoughBatches.await(20, TimeUnit.SECONDS))
                    .as("the counting process runs; its errors are in %s", dir.resolve("stderr.txt")).isTrue();
        } finally {
            killedAt = System.nanoTime();
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        long intervalNanos = StatsKillTarget.WRITE_INTERVAL.toNanos();
        long surelyWritten = 0;
        long neverPassed = 0;
        synchronized (lines) {
            for (Line line : lines) {
                long value = Long.parseLong(line.text().substring(line.text().indexOf(' ') + 1));
                if (line.text().startsWith("upto ")) {
                    neverPassed = Math.max(neverPassed, value);
                } else if (line.receivedNanos() <= killedAt - 2 * intervalNanos) {
                    surelyWritten = Math.max(surelyWritten, value);
                }
            }
        }
        StatsDocument stats = StatsFormat.decode(Files.readAllBytes(dir.resolve("stats.json")));
        long inFile = stats.totals().networkBytes();
        assertThat(surelyWritten).isPositive();
        assertThat(inFile).isBetween(surelyWritten, neverPassed);
        assertThat(stats.totals().bytesOf(StatsKillTarget.SOURCE)).isEqualTo(inFile);
        assertThat(stats.totals().bytesOf(StatsKillTarget.DESTINATION)).isEqualTo(inFile);

        List<UsageEvent> events = new ArrayList<>();
        FakeClock clock = new FakeClock();
        clock.set(stats.updatedAt().plus(Duration.ofSeconds(5)));
        UsageService restarted = new UsageService(NetworkUsageConfig.DEFAULTS, dir, clock);
        restarted.subscribe(events::add);
        UsageAccountant usage = restarted.start();
        assertThat(events).isEmpty();
        assertThat(usage.period()).isEqualTo(stats.period());
        assertThat(usage.totals().networkBytes()).isEqualTo(inFile);
        restarted.stop();
    }
}
