package io.wirepunch.app.autostart;

import java.util.ArrayList;
import java.util.List;

/** The command that starts this app again: the packaged launcher when there is one, else this JVM's command line. */
public final class LaunchCommand {
    /** Set by jpackage's launcher to its own path. */
    static final String APP_PATH_PROPERTY = "jpackage.app-path";
    /** A login must start the user's own node, never a demo that happened to be running when the box was ticked. */
    static final String DEMO_FLAG = "--demo";

    private LaunchCommand() {}

    public static List<String> current() {
        String launcher = System.getProperty(APP_PATH_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(launcher);
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> command = new ArrayList<>();
        command.add(info.command().orElse(System.getProperty("java.home") + "/bin/java"));
        info.arguments().map(List::of).ifPresent(command::addAll);
        return withoutDemo(command);
    }

    static List<String> withoutDemo(List<String> command) {
        return command.stream().filter(a -> !a.equals(DEMO_FLAG)).toList();
    }
}
