package io.wirepunch.app.autostart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The freedesktop.org autostart entry: {@code $XDG_CONFIG_HOME/autostart/wirepunch.desktop}. */
public final class XdgAutostart extends FileEntry {
    static final String FILE_NAME = "wirepunch.desktop";
    /** Characters the Desktop Entry spec reserves in Exec; an argument holding one is quoted. */
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";

    private final List<String> command;

    public XdgAutostart(Path autostartDir, List<String> command) {
        super(autostartDir.resolve(FILE_NAME));
        this.command = List.copyOf(command);
    }

    static Path directoryFor(Map<String, String> env, Path home) {
        return LaunchAtLogin.xdgConfigHome(env, home).resolve("autostart");
    }

    @Override
    String content() {
        return desktopEntry();
    }

    String desktopEntry() {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Wirepunch\n"
                + "Comment=Connects computers behind NATs\n"
                + "Exec=" + exec(command) + "\n"
                + "Icon=wirepunch\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /** The Exec value: arguments quoted as the spec says, then escaped once more as a string value. */
    static String exec(List<String> command) {
        return command.stream().map(XdgAutostart::quote).map(a -> a.replace("\\", "\\\\")).collect(Collectors.joining(" "));
    }

    private static String quote(String argument) {
        String percentSafe = argument.replace("%", "%%");
        boolean needsQuotes = percentSafe.isEmpty() || percentSafe.chars().anyMatch(c -> RESERVED.indexOf(c) >= 0);
        if (!needsQuotes) {
            return percentSafe;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : percentSafe.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
