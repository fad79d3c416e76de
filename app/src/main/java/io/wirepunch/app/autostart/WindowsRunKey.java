package io.wirepunch.app.autostart;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The value {@code Wirepunch} under the user's Run key, which Windows starts at login. */
public final class WindowsRunKey implements LaunchAtLogin {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE_NAME = "Wirepunch";

    /** Runs {@code reg.exe}; a seam so the commands can be checked where there is no registry. */
    public interface Registry {
        /** The exit code of {@code reg} with these arguments. */
        int run(List<String> regCommand) throws IOException;
    }

    private final List<String> command;
    private final Registry registry;

    public WindowsRunKey(List<String> command, Registry registry) {
        this.command = List.copyOf(command);
        this.registry = registry;
    }

    @Override
    public boolean isEnabled() throws IOException {
        return registry.run(queryCommand()) == 0;
    }

    @Override
    public void enable() throws IOException {
        requireSuccess(registry.run(addCommand()), "add");
    }

    @Override
    public void disable() throws IOException {
        if (isEnabled()) {
            requireSuccess(registry.run(deleteCommand()), "delete");
        }
    }

    List<String> addCommand() {
        return List.of("reg", "add", KEY, "/v", VALUE_NAME, "/t", "REG_SZ", "/d", commandLine(command), "/f");
    }

    List<String> deleteCommand() {
        return List.of("reg", "delete", KEY, "/v", VALUE_NAME, "/f");
    }

    List<String> queryCommand() {
        return List.of("reg", "query", KEY, "/v", VALUE_NAME);
    }

    /** The Run value: one line that Windows splits back into these arguments (CommandLineToArgvW's rules). */
    static String commandLine(List<String> command) {
        return command.stream().map(WindowsRunKey::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            // backslashes are literal unless a quote follows them; then each one is doubled
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    private static void requireSuccess(int exitCode, String action) throws IOException {
        if (exitCode != 0) {
            throw new IOException("reg " + action + " for " + KEY + "\\" + VALUE_NAME + " exited with " + exitCode);
        }
    }

    /** The real {@code reg.exe}. */
    static final class ProcessRegistry implements Registry {
        @Override
        public int run(List<String> regCommand) throws IOException {
            Process process = new ProcessBuilder(regCommand).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("reg did not finish within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reg ran", e);
            }
            return process.exitValue();
        }
    }
}
