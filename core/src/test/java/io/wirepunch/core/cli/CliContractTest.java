package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.interop.JsPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI contract of issue 2, checked from outside: every command runs as its own JVM
 * ({@code java -cp <test classpath> io.wirepunch.core.cli.WirepunchCli ...}) and is judged only by
 * its stdout, stderr, exit status and behaviour on signals. Every child is bounded by a timeout
 * and destroyed after its test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class CliContractTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final Pattern LISTEN = Pattern.compile("listen (/ip4/127\\.0\\.0\\.1/tcp/(\\d+))/p2p/(\\w+)");
    private static final String NUMBER = "\\d+(\\.\\d+)?";
    /** SIGINT is signal 2: bit 1 of the SigIgn mask in /proc/PID/status. */
    private static final long SIGINT_MASK = 1L << 1;

    private final List<Child> children = new CopyOnWriteArrayList<>();
    /** One node shared by the ping and perf tests: started with a key file and two listen addresses. */
    private Child sharedNode;
    private Path sharedKey;
    private List<Matcher> sharedLines;
    private JsPeer js;

    /** A running command: stdout line by line as it arrives, stderr collected in a file. */
    private final class Child {
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

    /** Key files and the children's stderr, removed after the class. */
    private Path sharedDir;

    private Child start(String... args) throws IOException {
        return new Child(Files.createTempFile(sharedDir, "stderr-", ".txt"), args);
    }

    private Result run(String... args) throws Exception {
        Child c = start(args);
        int exit = c.awaitExit(COMMAND);
        return new Result(exit, c.allStdout(), c.stderrText());
    }

    private Path newKeyFile(String name) throws IOException {
        Path file = sharedDir.resolve(name);
        KeyFile.write(file, Keys.generateEd25519(), false);
        return file;
    }

    @BeforeAll
    void startSharedNode() throws Exception {
        sharedDir = Files.createTempDirectory("wirepunch-cli-contract");
        sharedKey = newKeyFile("shared.key");
        sharedNode = start("node", "--key", sharedKey.toString(),
                "--listen", "/ip4/127.0.0.1/tcp/0", "--listen", "/ip4/127.0.0.1/tcp/0");
        sharedLines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String line = sharedNode.nextLine(STARTUP);
            Matcher m = LISTEN.matcher(line);
            assertThat(m.matches()).as("listen line '%s'", line).isTrue();
            sharedLines.add(m);
        }
    }

    @AfterEach
    void destroyOneShotChildren() {
        for (Child c : children) {
            if (c != sharedNode) {
                c.process.destroyForcibly();
                children.remove(c);
            }
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (js != null) {
                js.close();
            }
        } finally {
            for (Child c : children) {
                c.process.destroyForcibly();
                c.process.waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(sharedDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String sharedAddr(int i) {
        return sharedLines.get(i).group(1) + "/p2p/" + sharedLines.get(i).group(3);
    }

    private static void assertOneSentenceOnStderr(Result r, String command) {
        assertThat(r.exit()).as("exit status; stderr: %s", r.stderr()).isNotZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines().toList()).as("stderr").singleElement().asString()
                .startsWith("wirepunch " + command + ": ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    // --- node ---

    @Test
    void nodePrintsOneListenLinePerAddressWithThePeerIdOfItsKey() throws Exception {
        assertThat(sharedLines).hasSize(2);
        assertThat(sharedLines.get(0).group(2)).isNotEqualTo(sharedLines.get(1).group(2));
        assertThat(sharedLines.get(0).group(3)).isEqualTo(sharedLines.get(1).group(3));
        PeerId fromKey = KeyFile.read(sharedKey).publicKey().peerId();
        assertThat(sharedLines.get(0).group(3)).isEqualTo(fromKey.toBase58());

        Result id = run("id", "--key", sharedKey.toString());
        assertThat(id.exit()).isZero();
        assertThat(id.stdout()).containsExactly(fromKey.toBase58());

        // Both addresses accept connections.
        for (int i = 0; i < 2; i++) {
            Result ping = run("ping", sharedAddr(i), "--count", "1");
            assertThat(ping.exit()).as("ping %s; stderr: %s", sharedAddr(i), ping.stderr()).isZero();
        }
        assertThat(sharedNode.process.isAlive()).isTrue();
        assertThat(sharedNode.allStdout()).hasSize(2);
    }

    @Test
    void nodeShutsDownOnSigtermAndExitsZeroWithNothingElseOnStdout() throws Exception {
        Child node = start("node", "--listen", "/ip4/127.0.0.1/tcp/0");
        String line = node.nextLine(STARTUP);
        assertThat(line).matches(LISTEN);
        Result ping = run("ping", line.substring("listen ".length()), "--count", "1");
        assertThat(ping.exit()).as("stderr: %s", ping.stderr()).isZero();
        assertThat(node.process.isAlive()).isTrue();

        node.process.destroy();
        assertThat(node.awaitExit(SHUTDOWN)).as("exit status on SIGTERM; stderr: %s", node.stderrText()).isZero();
        assertThat(node.allStdout()).containsExactly(line);
    }

    @Test
    void nodeShutsDownOnSigintAndExitsZeroWithNothingElseOnStdout() throws Exception {
        Child node = start("node", "--listen", "/ip4/127.0.0.1/tcp/0");
        String line = node.nextLine(STARTUP);
        assertThat(line).matches(LISTEN);
        Assumptions.assumeFalse(node.ignores(SIGINT_MASK),
                "this test JVM was started with SIGINT ignored, so its children ignore it too");
        assertThat(node.process.isAlive()).isTrue();

        node.signal("INT");
        assertThat(node.awaitExit(SHUTDOWN)).as("exit status on SIGINT; stderr: %s", node.stderrText()).isZero();
        assertThat(node.allStdout()).containsExactly(line);
    }

    // --- ping ---

    @Test
    void pingPrintsOnePongLinePerPingAndExitsZero() throws Exception {
        Result r = run("ping", sharedAddr(0), "--count", "3");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        String peer = sharedLines.get(0).group(3);
        assertThat(r.stdout()).hasSize(3)
                .allSatisfy(l -> assertThat(l).matches("pong " + Pattern.quote(peer) + " rtt=" + NUMBER + "ms"));
    }

    @Test
    void pingToAClosedPortIsOneSentenceAndANonZeroExit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PeerId someone = Keys.generateEd25519().publicKey().peerId();
        Result r = run("ping", "/ip4/127.0.0.1/tcp/" + port + "/p2p/" + someone, "--count", "1");
        assertOneSentenceOnStderr(r, "ping");
    }

    @Test
    void pingToALiveNodeWithAnotherPeerIdIsOneSentenceAndANonZeroExit() throws Exception {
        PeerId someoneElse = Keys.generateEd25519().publicKey().peerId();
        Result r = run("ping", sharedLines.get(0).group(1) + "/p2p/" + someoneElse, "--count", "1");
        assertOneSentenceOnStderr(r, "ping");
        // The sentence names both: the peer that was dialled and the one that answered.
        assertThat(r.stderr()).contains(someoneElse.toBase58()).contains("remote peer is " + sharedLines.get(0).group(3));
        assertThat(sharedNode.process.isAlive()).isTrue();
    }

    @Test
    void pingRefusesACountBelowOneAndANegativeInterval() throws Exception {
        Result zero = run("ping", sharedAddr(0), "--count", "0");
        assertOneSentenceOnStderr(zero, "ping");
        assertThat(zero.stderr()).contains("--count");
        Result negative = run("ping", sharedAddr(0), "--count", "2", "--interval", "-5");
        assertOneSentenceOnStderr(negative, "ping");
        assertThat(negative.stderr()).contains("--interval");
    }

    // --- perf ---

    @Test
    void perfPrintsOneLineWithTheBytesMovedAndExitsZero() throws Exception {
        Result r = run("perf", sharedAddr(1), "--upload", "3000000", "--download", "5000000");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).singleElement().asString().matches("perf upload_bytes=3000000 download_bytes=5000000 seconds="
                + NUMBER + " upload_MBps=" + NUMBER + " download_MBps=" + NUMBER);
    }

    // --- against js-libp2p ---

    private JsPeer js() {
        if (js == null) {
            js = JsPeer.builder().name("js-cli").start();
        }
        return js;
    }

    @Test
    void pingAgainstAJsPeer() throws Exception {
        JsPeer peer = js();
        Result r = run("ping", peer.addr(), "--count", "3");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).hasSize(3)
                .allSatisfy(l -> assertThat(l).matches("pong " + Pattern.quote(peer.peerId()) + " rtt=" + NUMBER + "ms"));
    }

    @Test
    void perfAgainstAJsPeer() throws Exception {
        JsPeer peer = js();
        Result r = run("perf", peer.addr(), "--upload", "2000000", "--download", "4000000");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).singleElement().asString().matches("perf upload_bytes=2000000 download_bytes=4000000 seconds="
                + NUMBER + " upload_MBps=" + NUMBER + " download_MBps=" + NUMBER);
    }
}
