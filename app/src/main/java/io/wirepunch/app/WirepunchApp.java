package io.wirepunch.app;

import io.wirepunch.app.autostart.LaunchAtLogin;
import io.wirepunch.app.autostart.LaunchCommand;
import io.wirepunch.app.engine.RunningEngine;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.instance.Holder;
import io.wirepunch.app.instance.SingleInstance;
import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.SettingsException;
import io.wirepunch.app.settings.SettingsFile;
import io.wirepunch.app.tray.DorkboxTray;
import io.wirepunch.core.files.UserDirs;
import java.nio.file.Path;
import java.util.Arrays;
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
        launch(WirepunchApp.class, args);
    }

    private static void revealRunning() {
        AppController running = app;
        if (running != null) {
            running.reveal();
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        boolean demo = getParameters().getRaw().contains(DEMO);
        SettingsFile settingsFile = SettingsFile.forUser();
        AppSettings settings = loadSettings(settingsFile);
        RunningEngine running = demo ? RunningEngine.demo() : RunningEngine.forUser(settings);
        FxBridge fx = new FxBridge();
        AppController controller = new AppController(stage, running, settings, settingsFile,
                LaunchAtLogin.forThisPlatform(LaunchCommand.current()), DorkboxTray::create, fx, () -> {
                    closeInstance();
                    fx.exitToolkit();
                });
        if (controller.hasTray()) {
            Platform.setImplicitExit(false); // the tray keeps the app alive with every window hidden
        }
        controller.terminator().installShutdownHook(Runtime.getRuntime());
        app = controller;
        controller.startEngine();
        if (demo || !controller.hasTray() || !settings.launchAtLogin()) {
            controller.window().reveal();
        }
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
