package io.wirepunch.app.tray;

import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSettings;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Run in a JVM of its own on a display: shows the tray built from a real (not yet started)
 * engine's snapshot, says {@code TRAY READY} or {@code NO TRAY}, prints each click, and quits when
 * its input closes.
 */
public final class TrayOnDisplay {
    private TrayOnDisplay() {}

    public static void main(String[] args) throws Exception {
        Engine engine = new Engine(EngineSettings.forUser(Files.createTempDirectory("wirepunch-tray")));
        Optional<TrayView> tray = DorkboxTray.create((action, selected) -> System.out.println("CLICK " + action + " " + selected));
        if (tray.isEmpty()) {
            System.out.println("NO TRAY");
            System.exit(2);
        }
        tray.get().render(TrayMenuBuilder.build(TrayState.of(engine.snapshot(), false)));
        System.out.println("TRAY READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close our input
        }
        tray.get().close();
        System.exit(0);
    }
}
