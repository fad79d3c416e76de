package io.wirepunch.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the configuration lives, and how its directories are made. */
class UserDirsTest {
    private static final Path HOME = Paths.get("/home/someone");

    @TempDir
    Path tmp;

    @Test
    void theExplicitVariableWins() {
        assertThat(UserDirs.configFor(Map.of(UserDirs.CONFIG_ENV, "/srv/wp", "XDG_CONFIG_HOME", "/xdg"), HOME))
                .isEqualTo(Paths.get("/srv/wp"));
        assertThat(UserDirs.configFor(Map.of(UserDirs.CONFIG_ENV, "relative/wp"), HOME))
                .isEqualTo(Paths.get("relative/wp"));
    }

    @Test
    void thenAnAbsoluteXdgConfigHome() {
        assertThat(UserDirs.configFor(Map.of("XDG_CONFIG_HOME", "/xdg"), HOME)).isEqualTo(Paths.get("/xdg/wirepunch"));
        assertThat(UserDirs.configFor(Map.of(UserDirs.CONFIG_ENV, "  ", "XDG_CONFIG_HOME", "/xdg"), HOME))
                .isEqualTo(Paths.get("/xdg/wirepunch"));
    }

    @Test
    void aRelativeOrBlankXdgConfigHomeIsIgnored() {
        Path fallback = Paths.get("/home/someone/.config/wirepunch");
        assertThat(UserDirs.configFor(Map.of("XDG_CONFIG_HOME", "xdg"), HOME)).isEqualTo(fallback);
        assertThat(UserDirs.configFor(Map.of("XDG_CONFIG_HOME", ""), HOME)).isEqualTo(fallback);
        assertThat(UserDirs.configFor(Map.of(), HOME)).isEqualTo(fallback);
    }

    @Test
    void ensurePrivateCreatesOwnerOnlyDirectories() throws Exception {
        Path dir = tmp.resolve("a/b/wirepunch");
        assertThat(UserDirs.ensurePrivate(dir)).isEqualTo(dir);
        assertThat(Files.isDirectory(dir)).isTrue();
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        // An existing directory is left as it is.
        Path existing = Files.createDirectory(tmp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserDirs.ensurePrivate(existing);
        assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
