package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Background joining with backoff, driven by a fake clock and manual ticks. */
class BootstrapperTest {
    private final FakeClock clock = new FakeClock();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Bootstrapper.class);
    private boolean reachable;
    private boolean tableEmpty;
    private int attempts;
    private CompletableFuture<Object> pending;

    private final Bootstrapper bootstrapper = new Bootstrapper(this::attempt, () -> tableEmpty, clock, new Random(9));

    private CompletionStage<?> attempt() {
        attempts++;
        if (pending != null) {
            return pending;
        }
        return reachable ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new KadException("no bootstrap peer answered a kad query"));
    }

    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(levelBefore);
    }

    private List<ILoggingEvent> logged(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).toList();
    }

    /** Ticks until the next attempt, checking that nothing happens a moment before it is due. */
    private Duration waitForRetry() {
        Instant due = bootstrapper.state().nextRetry().orElseThrow();
        Duration delay = Duration.between(clock.instant(), due);
        int before = attempts;
        clock.set(due.minusMillis(1));
        bootstrapper.tick();
        assertThat(attempts).isEqualTo(before);
        clock.set(due);
        bootstrapper.tick();
        assertThat(attempts).isEqualTo(before + 1);
        return delay;
    }

    @Test
    void retriesBackOffFromFiveSecondsDoublingUpToFiveMinutesWithJitterBelowEachStep() {
        bootstrapper.begin();
        assertThat(bootstrapper.state().status()).isEqualTo(BootstrapStatus.NO_PEER_REACHABLE);

        Duration step = Bootstrapper.INITIAL_RETRY_DELAY;
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration delay = waitForRetry();
            delays.add(delay);
            assertThat(delay).isLessThanOrEqualTo(step)
                    .isGreaterThanOrEqualTo(Duration.ofMillis((long) (step.toMillis() * (1 - Bootstrapper.RETRY_JITTER))));
            Duration next = step.multipliedBy(Bootstrapper.BACKOFF_FACTOR);
            step = next.compareTo(Bootstrapper.MAX_RETRY_DELAY) > 0 ? Bootstrapper.MAX_RETRY_DELAY : next;
        }
        // 5, 10, 20, 40, 80, 160 s, then the 5-minute ceiling.
        assertThat(delays.get(9)).isGreaterThan(Duration.ofMinutes(4)).isLessThanOrEqualTo(Bootstrapper.MAX_RETRY_DELAY);
        assertThat(bootstrapper.state().failedAttempts()).isEqualTo(11);
    }

    @Test
    void aStreakOfFailuresWarnsOnceAndTheJoinThatEndsItIsSaidOnce() {
        bootstrapper.begin();
        waitForRetry();
        waitForRetry();
        assertThat(logged(Level.WARN)).hasSize(1);
        assertThat(logged(Level.WARN).get(0).getFormattedMessage())
                .startsWith("No DHT peer is reachable: no bootstrap peer answered a kad query;");

        reachable = true;
        waitForRetry();
        assertThat(bootstrapper.state()).isEqualTo(new BootstrapState(BootstrapStatus.JOINED, java.util.Optional.empty(), 0));
        assertThat(logged(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Joined the DHT after 3 failed attempts.");

        clock.advance(Duration.ofHours(1));
        bootstrapper.tick();
        assertThat(attempts).isEqualTo(4);
        assertThat(logged(Level.WARN)).hasSize(1);
    }

    @Test
    void aJoinedNodeWhoseTableEmptiesJoinsAgain() {
        reachable = true;
        bootstrapper.begin();
        assertThat(bootstrapper.state().status()).isEqualTo(BootstrapStatus.JOINED);

        tableEmpty = true;
        reachable = false;
        bootstrapper.tick();
        assertThat(attempts).isEqualTo(2);
        assertThat(bootstrapper.state().status()).isEqualTo(BootstrapStatus.NO_PEER_REACHABLE);
        assertThat(bootstrapper.state().nextRetry().orElseThrow())
                .isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Bootstrapper.INITIAL_RETRY_DELAY));
    }

    @Test
    void anAttemptStillRunningIsNotStartedTwice() {
        pending = new CompletableFuture<>();
        bootstrapper.begin();
        bootstrapper.begin();
        clock.advance(Duration.ofHours(1));
        bootstrapper.tick();
        assertThat(attempts).isEqualTo(1);
        assertThat(bootstrapper.state().status()).isEqualTo(BootstrapStatus.JOINING);

        pending.complete(null);
        assertThat(bootstrapper.state().status()).isEqualTo(BootstrapStatus.JOINED);
    }
}
