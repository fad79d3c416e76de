package io.wirepunch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopNotifiersTest {
    @TempDir
    Path dir;

    @Test
    void theSessionBusComesFromTheEnvironmentOrTheRuntimeDirectoryAndNeverFromAnAutolaunch() throws Exception {
        assertThat(FreedesktopNotifier.sessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")))
                .contains("unix:path=/run/user/1000/bus");
        assertThat(FreedesktopNotifier.sessionBus(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isEmpty();
        Files.createFile(dir.resolve("bus"));
        assertThat(FreedesktopNotifier.sessionBus(Map.of("XDG_RUNTIME_DIR", dir.toString()))).contains("unix:path=" + dir.resolve("bus"));
        assertThat(FreedesktopNotifier.sessionBus(Map.of("DISPLAY", ":0"))).isEmpty();
    }

    @Test
    void withoutASessionBusLinuxHasNoNotificationsAndSaysWhy() {
        assertThatThrownBy(() -> Notifiers.forPlatform("Linux", Map.of())).isInstanceOf(IOException.class)
                .hasMessageContaining("no session bus");
    }

    @Test
    void aBusThatIsNotThereIsAnErrorNotACrash() {
        assertThatThrownBy(() -> Notifiers.freedesktop("unix:path=" + dir.resolve("nothing-here")))
                .isInstanceOf(IOException.class).hasMessageStartingWith("no session bus: ");
    }

    @Test
    void markupInABodyIsEscaped() {
        assertThat(FreedesktopNotifier.escapeMarkup("<b>a & b</b>")).isEqualTo("&lt;b&gt;a &amp; b&lt;/b&gt;");
    }

    @Test
    void osascriptGetsTheTextsAsArgumentsSoNoQuoteChangesTheScript() {
        Notification n = new Notification("A peer joined", "…x joined \"home\" with your invitation.\" & do shell script \"rm\"",
                "network.connected");
        var command = MacNotifier.command(n);
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly(n.summary(), n.body());
        assertThat(String.join(" ", command.subList(0, command.size() - 2))).doesNotContain("home").doesNotContain("peer");
    }
}
