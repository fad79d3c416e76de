package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as its own JVMs ({@code java -cp <test classpath> io.wirepunch.core.cli.WirepunchCli ...})
 * for the contract tests, which judge a command only by its stdout, stderr, exit status and
 * behaviour on signals. Every child is bounded by a timeout; {@link #close()} destroys what is left
 * and removes the key files and stderr captures.
 */
final class CliProcesses implements AutoCloseable {
    static final Duration COMMAND = Duration.ofSeconds(60);

    private final List<Child> children = new CopyOnWriteArrayList<>();
    /** Environment variables every child gets beside this JVM's own. */
    final java.util.Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path dir;

    CliProcesses(String name) throws IOException {
        this.dir = Files.createTempDirectory(name);
    }

    /** A running command: stdout line by line as it arrives, stderr collected in a file. */
    final class Child {
        final Process process;
        final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        final List<String> stdoutSeen = new CopyOnWriteArrayList<>();
        final Path stderr;
        final Thread reader;
        private static final String EOF = "\u0000EOF";

        Child(Path stderrFile, String... args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            // Startup flags only, to be light on a small shared machine; the command line is the CLI's own.
            cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WirepunchCli.class.getName()));
            cmd.addAll(List.of(args));
            this.stderr = stderrFile;
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderrFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().remove("JAZZER_FUZZ");
            pb.environment().putAll(env);
            this.process = pb.start();
            this.process.getOutputStream().close();
            children.add(this);
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        stdoutSeen.add(line);
                        stdout.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was destroyed
                } finally {
                    stdout.add(EOF);
                }
            }, "cli-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        /** The next stdout line, failing after {@code timeout} or at end of output. */
        String nextLine(Duration timeout) throws InterruptedException {
            String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(EOF)) {
                fail("expected a line on stdout within " + timeout + " but got " + (line == null ? "nothing" : "end of output")
                        + "; stderr: " + stderrText());
            }
            return line;
        }

        /** Waits for the exit; returns the status. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("command did not exit within " + timeout + "; stdout: " + stdoutSeen + "; stderr: " + stderrText());
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        }

        /** Waits for the exit and collects what the command printed. */
        Result result() throws InterruptedException {
            int exit = awaitExit(COMMAND);
            return new Result(exit, allStdout(), stderrText());
        }

        List<String> allStdout() {
            return List.copyOf(stdoutSeen);
        }

        String stderrText() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
        }

        boolean ignores(long signalMask) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & signalMask) != 0;
                }
            }
            return false;
        }
    }

    /** A finished one-shot command. */
    record Result(int exit, List<String> stdout, String stderr) {}

    Child start(String... args) throws IOException {
        return new Child(Files.createTempFile(dir, "stderr-", ".txt"), args);
    }

    Result run(String... args) throws Exception {
        return start(args).result();
    }

    /** Where key files and stderr captures go; removed by {@link #close()}. */
    Path directory() {
        return dir;
    }

    Path newKeyFile(String name) throws IOException {
        Path file = dir.resolve(name);
        KeyFile.write(file, Keys.generateEd25519(), false);
        return file;
    }

    /** Destroys every child but {@code keep}, so that one test's commands never outlive it. */
    void destroyAllBut(List<Child> keep) {
        for (Child c : children) {
            if (!keep.contains(c)) {
                c.process.destroyForcibly();
                children.remove(c);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Child c : children) {
            c.process.destroyForcibly();
            c.process.waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A failed command's contract: a non-zero status, nothing on stdout, one sentence on stderr. */
    static void assertOneSentenceOnStderr(Result r, String command) {
        assertThat(r.exit()).as("exit status; stderr: %s", r.stderr()).isNotZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines().toList()).as("stderr").singleElement().asString()
                .startsWith("wirepunch " + command + ": ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
