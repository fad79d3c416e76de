package io.wirepunch.app.autostart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The platform's entry that starts the app when the user logs in. */
public interface LaunchAtLogin {
    boolean isEnabled() throws IOException;

    /** Writes the entry, replacing one an older install left with another command. */
    void enable() throws IOException;

    void disable() throws IOException;

    default void set(boolean enabled) throws IOException {
        if (enabled) {
            enable();
        } else {
            disable();
        }
    }

    /** The entry for this operating system and user, starting {@code command}. */
    static LaunchAtLogin forThisPlatform(List<String> command) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return new MacLaunchAgent(home.resolve("Library").resolve("LaunchAgents"), command);
        }
        if (os.contains("win")) {
            return new WindowsRunKey(command, new WindowsRunKey.ProcessRegistry());
        }
        return new XdgAutostart(XdgAutostart.directoryFor(System.getenv(), home), command);
    }

    /** The directory's value from the environment when it is set and absolute, as the XDG spec asks. */
    static Path xdgConfigHome(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return home.resolve(".config");
    }
}
