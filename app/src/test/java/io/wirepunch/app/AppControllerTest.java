package io.wirepunch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.app.autostart.XdgAutostart;
import io.wirepunch.app.engine.RunningEngine;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.notify.DesktopNotifier;
import io.wirepunch.app.notify.Notification;
import io.wirepunch.app.notify.NotificationCenter;
import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.SettingsFile;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.app.tray.MenuAction;
import io.wirepunch.app.tray.MenuEntry;
import io.wirepunch.app.tray.TrayIconState;
import io.wirepunch.app.tray.TrayMenu;
import io.wirepunch.app.tray.TrayView;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The app over the demo engine; the engine is shared, so "stopping" it here counts the calls instead. */
@ExtendWith(ApplicationExtension.class)
class AppControllerTest {
    private static Engine engine;

    @TempDir
    Path dir;

    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicInteger exits = new AtomicInteger();
    private final List<Notification> notified = new CopyOnWriteArrayList<>();

    /** The desktop's notification service as the app sees it: what it was asked to show. */
    private final class RecordingNotifier implements DesktopNotifier {
        @Override
        public void show(Notification notification) {
            notified.add(notification);
        }

        @Override
        public String name() {
            return "a recording";
        }

        @Override
        public void close() {}
    }

    /** The tray as a toolkit would hold it: the menus it was asked to show. */
    private static final class RecordingTray implements TrayView {
        final List<TrayMenu> rendered = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void render(TrayMenu menu) {
            rendered.add(menu);
        }

        @Override
        public void close() {
            closed = true;
        }

        TrayMenu last() {
            return rendered.get(rendered.size() - 1);
        }
    }

    @BeforeAll
    static void demo() throws Exception {
        engine = DemoEngine.engine();
        DemoEngine.snapshotWhere(s -> s.status().state() == EngineSnapshot.State.PARTICIPATING);
    }

    private RunningEngine sharedEngine() {
        return new RunningEngine(engine, () -> CompletableFuture.completedFuture(null), () -> {
            stops.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
    }

    private AppController app(FxRobot robot, Optional<RecordingTray> tray) {
        return app(robot, tray, AppSettings.DEFAULTS);
    }

    private AppController app(FxRobot robot, Optional<RecordingTray> tray, AppSettings settings) {
        AtomicReference<AppController> made = new AtomicReference<>();
        robot.interact(() -> {
            AppController app = new AppController(new Stage(), sharedEngine(), settings,
                    new SettingsFile(dir.resolve("settings.json")), new XdgAutostart(dir.resolve("autostart"), List.of("/bin/wirepunch")),
                    tray.map(t -> (TrayView) t), new FxBridge(), exits::incrementAndGet,
                    new NotificationCenter(RecordingNotifier::new, settings.notifications(), Clock.systemUTC()));
            app.window().reveal();
            made.set(app);
        });
        return made.get();
    }

    private static void close(FxRobot robot, AppController app) {
        robot.interact(() -> app.window().stage().fireEvent(new WindowEvent(app.window().stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    @Test
    void withoutATrayClosingTheWindowQuitsOnceAndSavesItsPlace(FxRobot robot) throws Exception {
        AppController app = app(robot, Optional.empty());

        close(robot, app);
        app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();

        assertThat(stops).hasValue(1);
        assertThat(exits).hasValue(1);
        assertThat(new SettingsFile(dir.resolve("settings.json")).load().window()).isPresent();
    }

    @Test
    void withATrayClosingTheWindowHidesItAndQuitFromTheMenuStopsTheEngine(FxRobot robot) throws Exception {
        RecordingTray tray = new RecordingTray();
        AppController app = app(robot, Optional.of(tray));
        assertThat(robot.lookup("#main-no-tray").queryAs(Label.class).isVisible()).isFalse();

        close(robot, app);

        assertThat(app.window().stage().isShowing()).isFalse();
        assertThat(app.terminator().terminating()).isFalse();

        new TrayActionHandler(app).perform(MenuAction.OPEN_WINDOW, true);
        await().until(() -> app.window().stage().isShowing());

        new TrayActionHandler(app).perform(MenuAction.QUIT, true);
        await().until(() -> exits.get() == 1);
        assertThat(stops).hasValue(1);
        assertThat(tray.closed).isTrue();
    }

    @Test
    void aPeerJoiningWithOurInvitationIsTold(FxRobot robot) throws Exception {
        AppController app = app(robot, Optional.of(new RecordingTray()));
        Engine friend = DemoEngine.startOtherEngine(Files.createDirectory(dir.resolve("friend")));
        try {
            var invitation = engine.invite(Optional.empty(), Duration.ofMinutes(10)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            friend.join(invitation.encode()).toCompletableFuture().get(60, TimeUnit.SECONDS);

            Label notice = robot.lookup("#main-notice").queryAs(Label.class);
            String friendId = friend.node().orElseThrow().host().peerId().toBase58();
            await().atMost(DemoEngine.WAIT).until(() -> notice.isVisible() && notice.getText().endsWith("with your invitation"));
            assertThat(friendId).endsWith(notice.getText().substring(1, notice.getText().indexOf(' ')));
            await().atMost(DemoEngine.WAIT).until(() -> !notified.isEmpty());
            assertThat(notified).hasSize(1);
            assertThat(notified.get(0).summary()).isEqualTo("A peer joined");
            assertThat(notified.get(0).body()).startsWith(notice.getText().substring(0, notice.getText().indexOf(' ')) + " joined \"");
        } finally {
            friend.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();
        }
    }

    @Test
    void theTrayShowsTheEnginesStateAndItsSwitchesWork(FxRobot robot) throws Exception {
        RecordingTray tray = new RecordingTray();
        AppController app = app(robot, Optional.of(tray));
        await().until(() -> !tray.rendered.isEmpty() && tray.last().icon() == TrayIconState.PARTICIPATING);
        assertThat(tray.last().entries().get(0)).isEqualTo(new MenuEntry.Status(engine.snapshot().status().line()));

        new TrayActionHandler(app).perform(MenuAction.LAUNCH_AT_LOGIN, true);
        assertThat(dir.resolve("autostart").resolve("wirepunch.desktop")).exists();
        assertThat(tray.last().entries()).contains(new MenuEntry.Toggle("Launch at login", MenuAction.LAUNCH_AT_LOGIN, true, true));
        assertThat(new SettingsFile(dir.resolve("settings.json")).load().launchAtLogin()).isTrue();

        try {
            new TrayActionHandler(app).perform(MenuAction.PARTICIPATE, false);
            await().atMost(DemoEngine.WAIT).until(() -> tray.last().icon() == TrayIconState.PAUSED);
            assertThat(engine.node().orElseThrow().participating()).isFalse();
            assertThat(new SettingsFile(dir.resolve("settings.json")).load().participate()).as("kept for the next start").isFalse();
            new TrayActionHandler(app).perform(MenuAction.PARTICIPATE, true);
            await().atMost(DemoEngine.WAIT).until(() -> tray.last().icon() == TrayIconState.PARTICIPATING);
            assertThat(new SettingsFile(dir.resolve("settings.json")).load().participate()).isTrue();
        } finally {
            engine.setParticipating(true).toCompletableFuture().get();
        }
        new TrayActionHandler(app).perform(MenuAction.LAUNCH_AT_LOGIN, false);
        assertThat(Files.exists(dir.resolve("autostart").resolve("wirepunch.desktop"))).isFalse();
        app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();
    }

    @Test
    void anAppLastLeftPausedStartsPaused(FxRobot robot) throws Exception {
        RecordingTray tray = new RecordingTray();
        AppController app = app(robot, Optional.of(tray), AppSettings.DEFAULTS.withParticipate(false));
        try {
            app.startEngine();
            await().atMost(DemoEngine.WAIT).until(() -> tray.last().icon() == TrayIconState.PAUSED);
            assertThat(engine.node().orElseThrow().participating()).isFalse();
            assertThat(engine.snapshot().participating()).isFalse();
        } finally {
            engine.setParticipating(true).toCompletableFuture().get();
            app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();
        }
    }

    @Test
    void theDemosSwitchIsNotTheUsersToKeep(FxRobot robot) throws Exception {
        RecordingTray tray = new RecordingTray();
        AppController app = app(robot, Optional.of(tray), AppSettings.DEFAULTS.withParticipate(false));
        try {
            app.leaveParticipationAlone();
            app.startEngine();
            await().atMost(DemoEngine.WAIT).until(() -> !tray.rendered.isEmpty() && tray.last().icon() == TrayIconState.PARTICIPATING);
            new TrayActionHandler(app).perform(MenuAction.PARTICIPATE, false);
            await().atMost(DemoEngine.WAIT).until(() -> tray.last().icon() == TrayIconState.PAUSED);
            new TrayActionHandler(app).perform(MenuAction.PARTICIPATE, true);
            await().atMost(DemoEngine.WAIT).until(() -> tray.last().icon() == TrayIconState.PARTICIPATING);
            assertThat(dir.resolve("settings.json")).doesNotExist();
        } finally {
            engine.setParticipating(true).toCompletableFuture().get();
            app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();
        }
    }

    @Test
    void theNotificationsSwitchIsKeptAndSilencesTheDesktop(FxRobot robot) throws Exception {
        AppController app = app(robot, Optional.of(new RecordingTray()));
        try {
            javafx.scene.control.CheckBox box = robot.lookup("#main-notifications").queryAs(javafx.scene.control.CheckBox.class);
            assertThat(box.isSelected()).isTrue();
            robot.interact(() -> box.setSelected(false));

            assertThat(new SettingsFile(dir.resolve("settings.json")).load().notifications()).isFalse();
            app.onEvent(new io.wirepunch.core.engine.EngineEvent.RelayLimitReached(
                    io.wirepunch.core.protocol.relay.usage.UsageState.SOFT, 0.91));
            Thread.sleep(300);
            assertThat(notified).as("switched off: nothing reaches the desktop").isEmpty();

            robot.interact(() -> box.setSelected(true));
            assertThat(new SettingsFile(dir.resolve("settings.json")).load().notifications()).isTrue();
            app.onEvent(new io.wirepunch.core.engine.EngineEvent.RelayLimitReached(
                    io.wirepunch.core.protocol.relay.usage.UsageState.HARD, 0.95));
            await().until(() -> notified.size() == 1);
            assertThat(notified.get(0).summary()).isEqualTo("Relay hard limit reached");
        } finally {
            app.terminator().terminate(io.wirepunch.app.lifecycle.Terminator.Reason.MENU_QUIT).toCompletableFuture().get();
        }
    }
}
