package io.wirepunch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NotificationCenterTest {
    private final List<Notification> shown = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;

    private final class Recording implements DesktopNotifier {
        private final boolean failing;

        Recording(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void show(Notification n) throws IOException {
            calls.incrementAndGet();
            if (failing) {
                throw new IOException("the service went away");
            }
            shown.add(n);
        }

        @Override
        public String name() {
            return "a recording";
        }

        @Override
        public void close() {}
    }

    @BeforeEach
    void watchLog() {
        logger = (Logger) LoggerFactory.getLogger(NotificationCenter.class);
        logger.setLevel(Level.INFO);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void unwatchLog() {
        logger.detachAppender(logs);
    }

    private static EngineEvent.PeerJoined joined() {
        return new EngineEvent.PeerJoined(PeerId.fromPublicKey(Ed25519Keys.generate().publicKey()), "home");
    }

    @Test
    void aBurstShowsTheFirstAtOnceAndTheRestAsOneWhenTheIntervalEnds() throws Exception {
        try (NotificationCenter center = new NotificationCenter(() -> new Recording(false), true, Clock.systemUTC())) {
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                center.offer(joined());
            }
            await().until(() -> shown.size() == 1);
            assertThat(shown.get(0).summary()).isEqualTo("A peer joined");

            await().atMost(NotificationThrottle.MIN_INTERVAL.plusSeconds(5)).until(() -> shown.size() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(NotificationThrottle.MIN_INTERVAL);
            assertThat(shown.get(1).summary()).isEqualTo("3 peers joined");
            assertThat(center.shown()).isEqualTo(2);
        }
    }

    @Test
    void switchedOffNothingReachesTheDesktopAndNoServiceIsAskedFor() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        try (NotificationCenter center = new NotificationCenter(() -> {
            opened.incrementAndGet();
            return new Recording(false);
        }, false, Clock.systemUTC())) {
            center.offer(joined());
            assertThat(center.shown()).isZero();
            assertThat(opened).hasValue(0);

            center.setEnabled(true);
            center.offer(joined());
            await().until(() -> shown.size() == 1);
            assertThat(opened).hasValue(1);
        }
    }

    @Test
    void aServiceThatFailsIsDroppedWithOneLogLine() throws Exception {
        try (NotificationCenter center = new NotificationCenter(() -> new Recording(true), true, Clock.systemUTC())) {
            center.offer(joined());
            center.offer(new EngineEvent.RelayLimitReached(io.wirepunch.core.protocol.relay.usage.UsageState.SOFT, 0.9));
            assertThat(center.shown()).isZero();
            assertThat(center.available()).isFalse();
        }
        assertThat(calls).hasValue(1);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("desktop notifications stopped (the service went away): peers joining and relay limits show in the window only");
    }
}
