package io.wirepunch.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the user's node keeps its configuration: {@code $WIREPUNCH_CONFIG} when set, else
 * {@code $XDG_CONFIG_HOME/wirepunch}, else {@code ~/.config/wirepunch}. It holds the key file, the
 * networks and the open invitations.
 */
public final class UserDirs {
    public static final String CONFIG_ENV = "WIREPUNCH_CONFIG";

    private UserDirs() {}

    public static Path config() {
        return configFor(System.getenv(), Paths.get(System.getProperty("user.home")));
    }

    static Path configFor(Map<String, String> env, Path home) {
        String explicit = env.get(CONFIG_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "wirepunch");
        }
        return home.resolve(".config").resolve("wirepunch");
    }

    /** Creates {@code dir} and its missing parents, the new ones readable and enterable by their owner only. */
    public static Path ensurePrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }
}
