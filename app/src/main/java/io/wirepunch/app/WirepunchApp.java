package io.wirepunch.app;

import io.wirepunch.app.autostart.LaunchAtLogin;
import io.wirepunch.app.autostart.LaunchCommand;
import io.wirepunch.app.engine.RunningEngine;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.instance.Holder;
import io.wirepunch.app.instance.SingleInstance;
import io.wirepunch.app.lifecycle.QuitSignals;
import io.wirepunch.app.lifecycle.Terminator;
import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.SettingsException;
import io.wirepunch.app.settings.SettingsFile;
import io.wirepunch.app.tray.DorkboxTray;
import io.wirepunch.app.tray.MenuAction;
import io.wirepunch.app.tray.TrayMenuBuilder;
import io.wirepunch.app.tray.TrayState;
import io.wirepunch.app.tray.TrayView;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.files.UserDirs;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wirepunch}: one app per user (a second launch reveals the first's window and exits), the
 * user's node, a tray icon when the desktop has a tray. {@code --demo} runs it on a local network
 * of real nodes instead, labelled as a demo, beside the user's own node if that runs.
 */
public final class WirepunchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WirepunchApp.class);
    static final String DEMO = "--demo";

    /** Handed from {@link #main} to the toolkit's instance of this class, which the toolkit creates itself. */
    private static volatile Holder instance;
    private static volatile AppController app;
    /** Quit was chosen from the tray, or a SIGTERM came, while the app was starting. */
    private static volatile boolean quitWhenUp;
    /** A later launch asked for the window while this one was still starting. */
    private static volatile boolean revealWhenReady;

    public static void main(String[] args) throws Exception {
        boolean demo = Arrays.asList(args).contains(DEMO);
        Path dir = SingleInstance.runtimeDir(System.getenv(), UserDirs.config());
        // the demo is a separate app with its own temporary node; it must not take the user's place
        SingleInstance.Claim claim = SingleInstance.claim(demo ? dir.resolve("demo") : dir, WirepunchApp::revealRunning);
        if (claim instanceof SingleInstance.Revealed) {
            System.out.println("Wirepunch is running already; its window was brought forward.");
            return;
        }
        instance = ((SingleInstance.First) claim).holder();
        QuitSignals.install(WirepunchApp::onQuitSignal, status -> Runtime.getRuntime().halt(status));
        launch(WirepunchApp.class, args);
    }

    private static void revealRunning() {
        AppController running = app;
        if (running != null) {
            running.reveal();
        } else {
            revealWhenReady = true;
        }
    }

    /** SIGTERM or SIGINT: quit as the menu does, now or as soon as the app is up. */
    private static void onQuitSignal() {
        quitWhenUp = true;
        // read after the flag: either the starting app sees the flag, or this sees the app (terminating twice is harmless)
        AppController running = app;
        if (running != null) {
            running.terminator().terminate(Terminator.Reason.SIGNAL);
        }
    }

    /**
     * Makes the tray and the engine side by side, off the FX thread: the tray icon shows "Starting…"
     * as soon as the desktop has it, while the demo's nodes (seconds) or the user's engine get ready.
     */
    @Override
    public void start(Stage stage) {
        LOG.info("toolkit up {} ms after the JVM started", uptimeMillis());
        boolean demo = getParameters().getRaw().contains(DEMO);
        SettingsFile settingsFile = SettingsFile.forUser();
        AppSettings settings = loadSettings(settingsFile);
        FxBridge fx = new FxBridge();
        ExecutorService setup = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wirepunch-setup");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Optional<TrayView>> tray = CompletableFuture.supplyAsync(() -> showTray(settings), setup);
        CompletableFuture<RunningEngine> engine = CompletableFuture.supplyAsync(() -> engine(demo, settings), setup);
        tray.thenCombine(engine, Ready::new).whenComplete((ready, e) -> fx.execute(() -> {
            setup.shutdown();
            if (e != null) {
                LOG.error("Wirepunch could not start: {}", Errors.reason(e));
                tray.thenAccept(t -> t.ifPresent(TrayView::close));
                closeInstance();
                fx.exitToolkit();
                return;
            }
            startApp(stage, ready, settings, settingsFile, fx, demo);
        }));
    }

    private record Ready(Optional<TrayView> tray, RunningEngine engine) {}

    private static Optional<TrayView> showTray(AppSettings settings) {
        Optional<TrayView> tray = DorkboxTray.create(WirepunchApp::onTrayClick);
        tray.ifPresent(t -> t.render(TrayMenuBuilder.build(new TrayState(EngineSnapshot.State.STARTING, "", true,
                settings.launchAtLogin()))));
        LOG.info("tray {} {} ms after the JVM started", tray.isPresent() ? "shown" : "not available", uptimeMillis());
        return tray;
    }

    private static RunningEngine engine(boolean demo, AppSettings settings) {
        try {
            return demo ? RunningEngine.demo() : RunningEngine.forUser(settings);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Clicks before the app is ready find nothing to act on (the menu says "Starting…" then), but
     * Quit: it is kept, and the app quits as soon as it is up.
     */
    private static void onTrayClick(MenuAction action, boolean selected) {
        AppController running = app;
        if (running != null) {
            new TrayActionHandler(running).perform(action, selected);
        } else if (action == MenuAction.QUIT) {
            quitWhenUp = true;
        }
    }

    private static void startApp(Stage stage, Ready ready, AppSettings settings, SettingsFile settingsFile, FxBridge fx, boolean demo) {
        AppController controller = new AppController(stage, ready.engine(), settings, settingsFile,
                LaunchAtLogin.forThisPlatform(LaunchCommand.current()), ready.tray(), fx, () -> {
                    closeInstance();
                    fx.exitToolkit();
                });
        if (controller.hasTray()) {
            Platform.setImplicitExit(false); // the tray keeps the app alive with every window hidden
        }
        controller.terminator().installShutdownHook(Runtime.getRuntime());
        app = controller;
        if (quitWhenUp) {
            new TrayActionHandler(controller).perform(MenuAction.QUIT, false);
            return;
        }
        if (demo) {
            controller.leaveParticipationAlone();
        }
        controller.startEngine();
        if (demo || !controller.hasTray() || !settings.launchAtLogin() || revealWhenReady) {
            controller.window().reveal();
        }
    }

    private static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static AppSettings loadSettings(SettingsFile file) {
        try {
            return file.load();
        } catch (SettingsException e) {
            LOG.warn("settings not used: {}", e.getMessage());
        } catch (java.io.IOException e) {
            LOG.warn("could not read {}: {}", file.path(), e.getMessage());
        }
        return AppSettings.DEFAULTS;
    }

    private static void closeInstance() {
        Holder held = instance;
        if (held != null) {
            try {
                held.close();
            } catch (java.io.IOException e) {
                LOG.debug("releasing the instance lock: {}", e.toString());
            }
        }
    }
}
