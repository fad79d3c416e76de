package io.wirepunch.packaging;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the system's tools for the packaging tests. */
final class Tools {
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;

    private Tools() {}

    record Result(int exitCode, String output, Path log) {
        String tail() {
            return Tools.tail(log);
        }
    }

    static boolean installed(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    static Result run(List<String> command, Path log, Duration limit) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), log, limit);
    }

    /** Runs to the end within {@code limit}, stdout and stderr together into {@code log}. */
    static Result run(ProcessBuilder builder, Path log, Duration limit) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", builder.command()) + " took longer than " + limit.toSeconds() + " s:\n" + tail(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    /** The output of a command that must succeed. */
    static String check(List<String> command) throws IOException, InterruptedException {
        return check(new ProcessBuilder(command));
    }

    static String check(ProcessBuilder builder) throws IOException, InterruptedException {
        Path log = Files.createTempFile("wirepunch-tool", ".log");
        try {
            Result result = run(builder, log, QUICK);
            if (result.exitCode() != 0) {
                throw new AssertionError(String.join(" ", builder.command()) + " exited " + result.exitCode() + ":\n" + result.tail());
            }
            return result.output();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
