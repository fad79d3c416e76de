package io.wirepunch.app.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * macOS: Notification Center through {@code osascript}'s {@code display notification}. The texts
 * travel as the script's arguments, never inside its source, so no quoting can change the script.
 */
final class MacNotifier implements DesktopNotifier {
    static final Path OSASCRIPT = Path.of("/usr/bin/osascript");

    static boolean available() {
        return Files.isExecutable(OSASCRIPT);
    }

    /** The command that shows {@code n}. */
    static List<String> command(Notification n) {
        return List.of(OSASCRIPT.toString(),
                "-e", "on run argv",
                "-e", "display notification (item 2 of argv) with title \"" + FreedesktopNotifier.APP_NAME + "\" subtitle (item 1 of argv)",
                "-e", "end run",
                n.summary(), n.body());
    }

    @Override
    public void show(Notification n) throws IOException {
        Process p = new ProcessBuilder(command(n)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(FreedesktopNotifier.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("osascript did not finish within " + FreedesktopNotifier.CALL_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while osascript ran", e);
        }
        if (p.exitValue() != 0) {
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException("osascript exited with " + p.exitValue() + ": " + said);
        }
    }

    @Override
    public String name() {
        return "Notification Center (osascript)";
    }

    @Override
    public void close() {}
}
