package io.wirepunch.app.autostart;

import io.wirepunch.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A per-user LaunchAgent, {@code ~/Library/LaunchAgents/io.wirepunch.plist}, that launchd runs at login. */
public final class MacLaunchAgent implements LaunchAtLogin {
    static final String LABEL = "io.wirepunch";

    private final Path file;
    private final List<String> command;

    public MacLaunchAgent(Path launchAgentsDir, List<String> command) {
        this.file = launchAgentsDir.resolve(LABEL + ".plist");
        this.command = List.copyOf(command);
    }

    Path file() {
        return file;
    }

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.replace(file, plist().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }

    String plist() {
        StringBuilder arguments = new StringBuilder();
        for (String argument : command) {
            arguments.append("    <string>").append(xml(argument)).append("</string>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "  <key>Label</key>\n"
                + "  <string>" + LABEL + "</string>\n"
                + "  <key>ProgramArguments</key>\n"
                + "  <array>\n"
                + arguments
                + "  </array>\n"
                + "  <key>RunAtLoad</key>\n"
                + "  <true/>\n"
                // launchd would restart a quit app; quitting from the tray must stay quit
                + "  <key>KeepAlive</key>\n"
                + "  <false/>\n"
                + "  <key>ProcessType</key>\n"
                + "  <string>Interactive</string>\n"
                + "</dict>\n"
                + "</plist>\n";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
