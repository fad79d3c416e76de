package io.wirepunch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications on a real freedesktop notification server (GNOME's notification-daemon)
 * on a private session bus and a virtual display: a peer joining becomes a {@code Notify} call,
 * which {@code dbus-monitor} sees on the bus and the server answers. Without a server the app says
 * so once and shows nothing. Skipped where dbus-daemon, dbus-monitor, Xvfb or notification-daemon
 * is missing ({@code .ci/run} installs them).
 */
@Timeout(120)
class FreedesktopNotificationsTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Test
    void aPeerJoiningBecomesANotifyCallThatTheServerAnswers() throws Exception {
        assumeTools();
        try (PrivateDesktop desktop = new PrivateDesktop(dir)) {
            String bus = desktop.startBus();

            // no server on the bus yet: the app says so once, shows nothing and goes on
            assertThatThrownBy(() -> Notifiers.freedesktop(bus)).isInstanceOf(IOException.class)
                    .hasMessageContaining("GetServerInformation failed").hasMessageContaining("org.freedesktop.Notifications");
            watchLog();
            try (NotificationCenter none = new NotificationCenter(() -> Notifiers.freedesktop(bus), true, Clock.systemUTC())) {
                none.offer(joined());
                none.offer(joined());
                assertThat(none.available()).isFalse();
                assertThat(none.shown()).isZero();
            }
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("no desktop notifications"))
                    .hasSize(1).allMatch(e -> e.getFormattedMessage().contains("show in the window only"));

            desktop.startDisplay();
            Path serverLog = dir.resolve("server.log");
            desktop.start(List.of(PrivateDesktop.server().orElseThrow().toString()), serverLog);
            Path monitorLog = dir.resolve("monitor.log");
            desktop.start(List.of("dbus-monitor", "--address", bus,
                    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"), monitorLog);
            DesktopNotifier notifier = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> Notifiers.freedesktop(bus), n -> n != null);
            assertThat(notifier.name()).startsWith("freedesktop notifications by Notification Daemon ");
            // dbus-monitor is in place once it has left the bus's name list for monitoring
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(monitorLog).contains("NameLost"));

            EngineEvent.PeerJoined joined = joined();
            try (NotificationCenter center = new NotificationCenter(() -> notifier, true, Clock.systemUTC())) {
                center.offer(joined);
                await().atMost(Duration.ofSeconds(10)).until(() -> center.shown() == 1);
            }
            String shortId = "…" + joined.peer().toBase58().substring(joined.peer().toBase58().length() - 8);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(monitorLog).contains("member=Notify"));
            String call = Files.readString(monitorLog);
            assertThat(call).as("the Notify call on the bus, as dbus-monitor printed it; the server said:%n%s", Files.readString(serverLog))
                    .contains("string \"Wirepunch\"")
                    .contains("string \"A peer joined\"")
                    .contains(shortId + " joined \"home\" with your invitation.")
                    .contains("string \"network.connected\"")
                    .doesNotContain(joined.peer().toBase58());
        } finally {
            ((Logger) LoggerFactory.getLogger(NotificationCenter.class)).detachAppender(logs);
        }
    }

    private void watchLog() {
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(NotificationCenter.class);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(logs);
    }

    private static EngineEvent.PeerJoined joined() {
        return new EngineEvent.PeerJoined(PeerId.fromPublicKey(Ed25519Keys.generate().publicKey()), "home");
    }

    private static void assumeTools() {
        for (String tool : List.of("dbus-daemon", "dbus-monitor", "Xvfb")) {
            assumeTrue(PrivateDesktop.onPath(tool), "needs " + tool + " (Debian: dbus-daemon, dbus-bin, xvfb)");
        }
        assumeTrue(PrivateDesktop.server().isPresent(), "needs a notification server (Debian: notification-daemon)");
    }
}
