package io.wirepunch.app.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdgAutostartTest {
    @TempDir
    Path home;

    @Test
    void theEntryGoesUnderXdgConfigHomeWhenItIsSetAndAbsolute() {
        Path config = home.resolve("cfg");
        assertThat(XdgAutostart.directoryFor(Map.of("XDG_CONFIG_HOME", config.toString()), home)).isEqualTo(config.resolve("autostart"));
        assertThat(XdgAutostart.directoryFor(Map.of("XDG_CONFIG_HOME", "relative/cfg"), home))
                .isEqualTo(home.resolve(".config").resolve("autostart"));
        assertThat(XdgAutostart.directoryFor(Map.of(), home)).isEqualTo(home.resolve(".config").resolve("autostart"));
    }

    @Test
    void enablingWritesADesktopEntryAndDisablingRemovesIt() throws Exception {
        XdgAutostart autostart = new XdgAutostart(home.resolve("autostart"), List.of("/opt/wirepunch/bin/Wirepunch"));
        assertThat(autostart.isEnabled()).isFalse();

        autostart.set(true);

        assertThat(autostart.isEnabled()).isTrue();
        assertThat(autostart.file()).hasFileName("wirepunch.desktop");
        assertThat(Files.readAllLines(autostart.file()))
                .startsWith("[Desktop Entry]")
                .contains("Type=Application", "Exec=/opt/wirepunch/bin/Wirepunch", "Terminal=false");

        autostart.set(false);

        assertThat(autostart.isEnabled()).isFalse();
        assertThat(autostart.file()).doesNotExist();
        autostart.disable(); // nothing left to remove is not an error
    }

    @Test
    void argumentsWithReservedCharactersAreQuotedAndEscaped() {
        assertThat(XdgAutostart.exec(List.of("/usr/bin/java", "-cp", "/home/a b/lib/*", "io.wirepunch.app.WirepunchApp")))
                .isEqualTo("/usr/bin/java -cp \"/home/a b/lib/*\" io.wirepunch.app.WirepunchApp");
        // a $ is escaped inside quotes, and that backslash is escaped again as a string value
        assertThat(XdgAutostart.exec(List.of("/opt/$x"))).isEqualTo("\"/opt/\\\\$x\"");
        assertThat(XdgAutostart.exec(List.of("100%"))).isEqualTo("100%%");
        assertThat(XdgAutostart.exec(List.of(""))).isEqualTo("\"\"");
    }

    @Test
    void aLoginNeverStartsTheDemo() {
        assertThat(LaunchCommand.withoutDemo(List.of("java", "-jar", "wp.jar", "--demo"))).containsExactly("java", "-jar", "wp.jar");
    }
}
