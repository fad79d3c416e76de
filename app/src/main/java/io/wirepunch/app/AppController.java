package io.wirepunch.app;

import io.wirepunch.app.autostart.LaunchAtLogin;
import io.wirepunch.app.engine.EngineFeed;
import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.engine.RunningEngine;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.lifecycle.Terminator;
import io.wirepunch.app.logs.LogTail;
import io.wirepunch.app.notify.NotificationCenter;
import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.SettingsFile;
import io.wirepunch.app.settings.WindowPlacement;
import io.wirepunch.app.tray.TrayMenuBuilder;
import io.wirepunch.app.tray.TrayState;
import io.wirepunch.app.tray.TrayView;
import io.wirepunch.app.views.join.JoinController;
import io.wirepunch.app.views.main.MainController;
import io.wirepunch.app.window.MainWindow;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.errors.Errors;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running app: the engine, the window, the tray and the one way to quit, joined. Everything
 * the engine says reaches the window through the FX bridge and the tray directly (it has its own
 * thread); everything the user does reaches the engine as a command.
 */
public final class AppController {
    private static final Logger LOG = LoggerFactory.getLogger(AppController.class);

    private final RunningEngine running;
    private final FxBridge fx;
    private final SettingsFile settingsFile;
    private final LaunchAtLogin launchAtLogin;
    private final Terminator terminator;
    private final MainWindow window;
    private final JoinController join;
    private final Optional<TrayView> tray;
    private final Optional<LogTail> log;
    private final EngineFeed feed;
    private final MainController main;
    private final NotificationCenter notifications;
    private volatile AppSettings settings;
    /** Read once at start and then kept: on Windows each read runs reg.exe, and the tray re-renders every second. */
    private volatile boolean autostart;
    private volatile EngineSnapshot latest;
    /** Whether the Participate switch is the user's to keep: not for the demo's node, which is not the user's. */
    private volatile boolean participationKept = true;
    /** Followed as the window moves, so quitting saves it without asking the FX thread, which may be gone. */
    private volatile Optional<WindowPlacement> placement;

    /**
     * Builds the app on {@code stage} with {@code tray} (empty: the desktop has none; its clicks are
     * for a {@link TrayActionHandler} of this controller); {@code exitToolkit} ends the toolkit once
     * the engine stopped. On the FX thread.
     */
    public AppController(Stage stage, RunningEngine running, AppSettings settings, SettingsFile settingsFile, LaunchAtLogin launchAtLogin,
                         Optional<TrayView> tray, FxBridge fx, Runnable exitToolkit) {
        this(stage, running, settings, settingsFile, launchAtLogin, tray, fx, exitToolkit,
                NotificationCenter.forThisPlatform(settings.notifications()));
    }

    /** As above, with the desktop notifications given. */
    public AppController(Stage stage, RunningEngine running, AppSettings settings, SettingsFile settingsFile, LaunchAtLogin launchAtLogin,
                         Optional<TrayView> tray, FxBridge fx, Runnable exitToolkit, NotificationCenter notifications) {
        this.running = running;
        this.notifications = notifications;
        this.fx = fx;
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.launchAtLogin = launchAtLogin;
        this.log = LogTail.attachToRoot();
        this.terminator = new Terminator(running::stop, exitToolkit, Terminator.DEFAULT_GRACE);
        this.tray = tray;
        this.join = new JoinController(running.engine(), Clock.systemUTC(), fx);
        this.main = new MainController(new PeerCommands(running.engine()), fx, this::setParticipating,
                this::openJoin, tray.isPresent());
        main.notificationsSwitch(settings.notifications(), this::setNotifications);
        this.window = new MainWindow(stage, main.root(), settings.window(), tray.isPresent(),
                () -> terminator.terminate(Terminator.Reason.LAST_WINDOW_CLOSED));
        this.placement = window.placement();
        window.onPlacementChange(p -> placement = Optional.of(p));
        this.autostart = readAutostart(launchAtLogin, settings);
        this.latest = running.engine().snapshot();
        this.feed = new EngineFeed(running.engine(), log, fx.latest(main::show).andThen(state -> renderTray(state.snapshot())),
                this::onEvent);
        terminator.beforeStop("save the window's place", this::saveWindowPlace)
                .beforeStop("stop following the engine", feed::close)
                .beforeStop("stop the desktop notifications", notifications::close)
                .beforeStop("remove the tray icon", () -> tray.ifPresent(TrayView::close))
                .beforeStop("stop collecting the log", () -> log.ifPresent(LogTail::detach));
        main.show(feed.current());
        renderTray(latest);
    }

    public Terminator terminator() {
        return terminator;
    }

    public MainWindow window() {
        return window;
    }

    public boolean hasTray() {
        return tray.isPresent();
    }

    /**
     * Starts the engine, participating or paused as the Participate switch was last left; a failure
     * shows in the window and the tray as the snapshot's error line.
     */
    public void startEngine() {
        if (participationKept && !settings.participate()) {
            LOG.info("starting paused: the Participate switch was left off");
            running.engine().setParticipating(false);
        }
        running.start().whenComplete((v, e) -> {
            if (e == null) {
                LOG.info("the engine runs");
            } else if (terminator.terminating()) {
                LOG.info("quitting cut the engine's start short: {}", Errors.reason(e));
            } else {
                LOG.warn("the engine did not start: {}", Errors.reason(e));
            }
        });
    }

    /**
     * For the demo: its node starts participating (the demo's peers need it) and its switch is
     * not saved, so that the user's node starts next time as the user left it. Before {@link #startEngine}.
     */
    public void leaveParticipationAlone() {
        participationKept = false;
    }

    /** Brings the window forward; a second launch asks for this. */
    public void reveal() {
        fx.execute(window::reveal);
    }

    /** The Participate switch, from the tray or the window: applied, and kept for the next start. */
    void setParticipating(boolean on) {
        running.engine().setParticipating(on);
        if (participationKept && settings.participate() != on) {
            saveSettings(s -> s.withParticipate(on));
        }
    }

    /** The Notifications switch: applied, and kept for the next start. */
    void setNotifications(boolean on) {
        notifications.setEnabled(on);
        saveSettings(s -> s.withNotifications(on));
    }

    void openJoin() {
        fx.execute(() -> join.show(window.stage().isShowing() ? window.stage() : null));
    }

    void quit() {
        terminator.terminate(Terminator.Reason.MENU_QUIT);
    }

    void setLaunchAtLogin(boolean on) {
        try {
            launchAtLogin.set(on);
            autostart = on;
            saveSettings(s -> s.withLaunchAtLogin(on));
        } catch (IOException e) {
            LOG.warn("could not {} launch at login: {}", on ? "turn on" : "turn off", e.getMessage());
        }
        renderTray(latest);
    }

    Engine engine() {
        return running.engine();
    }

    FxBridge fx() {
        return fx;
    }

    /** What the engine tells, on the engine's thread: shown in the window, and on the desktop when worth it. */
    void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.DownRequested) {
            terminator.terminate(Terminator.Reason.DOWN_REQUESTED);
        } else {
            notifications.offer(event);
            fx.execute(() -> main.notice(event));
        }
    }

    private void renderTray(EngineSnapshot snapshot) {
        latest = snapshot;
        tray.ifPresent(t -> t.render(TrayMenuBuilder.build(TrayState.of(snapshot, autostart))));
    }

    /** The entry the system has, which wins over the settings: the user may have removed it by hand. */
    private static boolean readAutostart(LaunchAtLogin entry, AppSettings settings) {
        try {
            return entry.isEnabled();
        } catch (IOException e) {
            LOG.debug("could not read the autostart entry: {}", e.getMessage());
            return settings.launchAtLogin();
        }
    }

    private void saveWindowPlace() {
        placement.ifPresent(p -> saveSettings(s -> s.withWindow(p)));
    }

    /** Changes the settings with {@code change} and saves them; one change at a time, so none is lost. */
    private synchronized void saveSettings(java.util.function.UnaryOperator<AppSettings> change) {
        AppSettings next = change.apply(settings);
        settings = next;
        try {
            settingsFile.save(next);
        } catch (IOException e) {
            LOG.warn("could not save the settings to {}: {}", settingsFile.path(), e.getMessage());
        }
    }
}
