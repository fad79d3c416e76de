package io.wirepunch.app.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsRunKeyTest {
    private static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

    /** A registry of one value, driven by the reg commands it is given. */
    private static final class OneValueRegistry implements WindowsRunKey.Registry {
        final List<List<String>> commands = new ArrayList<>();
        String value;

        @Override
        public int run(List<String> reg) {
            commands.add(reg);
            switch (reg.get(1)) {
                case "add" -> value = reg.get(reg.indexOf("/d") + 1);
                case "delete" -> value = null;
                default -> { }
            }
            return reg.get(1).equals("query") && value == null ? 1 : 0;
        }
    }

    @Test
    void enableAddsTheRunValueWithTheQuotedCommandLine() throws Exception {
        OneValueRegistry registry = new OneValueRegistry();
        WindowsRunKey runKey = new WindowsRunKey(List.of("C:\\Program Files\\Wirepunch\\Wirepunch.exe"), registry);

        runKey.enable();

        assertThat(registry.commands).containsExactly(List.of("reg", "add", KEY, "/v", "Wirepunch", "/t", "REG_SZ", "/d",
                "\"C:\\Program Files\\Wirepunch\\Wirepunch.exe\"", "/f"));
        assertThat(runKey.isEnabled()).isTrue();
    }

    @Test
    void disableDeletesTheValueOnlyWhenItExists() throws Exception {
        OneValueRegistry registry = new OneValueRegistry();
        WindowsRunKey runKey = new WindowsRunKey(List.of("C:\\w.exe"), registry);

        runKey.disable();
        assertThat(registry.commands).extracting(c -> c.get(1)).containsExactly("query");

        runKey.enable();
        runKey.disable();
        assertThat(registry.commands).last().isEqualTo(List.of("reg", "delete", KEY, "/v", "Wirepunch", "/f"));
        assertThat(runKey.isEnabled()).isFalse();
    }

    @Test
    void theCommandLineFollowsWindowsArgumentRules() {
        assertThat(WindowsRunKey.commandLine(List.of("C:\\w.exe", "plain"))).isEqualTo("C:\\w.exe plain");
        assertThat(WindowsRunKey.commandLine(List.of("C:\\dir with space\\"))).isEqualTo("\"C:\\dir with space\\\\\"");
        assertThat(WindowsRunKey.commandLine(List.of("say \"hi\""))).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(WindowsRunKey.commandLine(List.of(""))).isEqualTo("\"\"");
    }

    @Test
    void aFailingRegCommandIsAnError() {
        WindowsRunKey runKey = new WindowsRunKey(List.of("C:\\w.exe"), reg -> 5);

        assertThatThrownBy(runKey::enable).isInstanceOf(IOException.class).hasMessageContaining("exited with 5");
    }
}
