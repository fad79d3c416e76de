package io.wirepunch.app.autostart;

import java.nio.file.Path;
import java.util.List;

/** A per-user LaunchAgent, {@code ~/Library/LaunchAgents/io.wirepunch.plist}, that launchd runs at login. */
public final class MacLaunchAgent extends FileEntry {
    static final String LABEL = "io.wirepunch";

    private final List<String> command;

    public MacLaunchAgent(Path launchAgentsDir, List<String> command) {
        super(launchAgentsDir.resolve(LABEL + ".plist"));
        this.command = List.copyOf(command);
    }

    @Override
    String content() {
        return plist();
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
