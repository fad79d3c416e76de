package io.wirepunch.core.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI as a process whose stdin, stdout and stderr are files ({@code NAME.in}, {@code NAME.out},
 * {@code NAME.err} in a directory): what a test needs when the bytes on stdout are binary, as
 * {@code 0nc}'s are. {@code prefix} goes before java, e.g. {@code ip netns exec NS}.
 */
public final class CliPipeProcess {
    private static final String CLI = "io.wirepunch.core.cli.WirepunchCli";

    private CliPipeProcess() {}

    public static Process start(List<String> prefix, Path dir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"), CLI));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(dir.resolve(name + ".in").toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().remove("JAZZER_FUZZ");
        return pb.start();
    }

    /** Waits for the {@code invitation <string>} line a {@code 0nc} inviter prints on stderr. */
    public static String awaitInvitation(Path stderr, Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(stderr)) {
                for (String line : Files.readAllLines(stderr)) {
                    if (line.startsWith("invitation ")) {
                        return line.substring("invitation ".length());
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no invitation line on stderr: " + (Files.exists(stderr) ? Files.readString(stderr) : ""));
    }
}
