package io.wirepunch.core.cli;

import static io.wirepunch.core.cli.CliProcesses.assertOneSentenceOnStderr;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.cli.CliProcesses.Child;
import io.wirepunch.core.cli.CliProcesses.Result;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.interop.JsPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final Pattern LISTEN = Pattern.compile("listen (/ip4/127\\.0\\.0\\.1/tcp/(\\d+))/p2p/(\\w+)");
    private static final String NUMBER = "\\d+(\\.\\d+)?";
    /** SIGINT is signal 2: bit 1 of the SigIgn mask in /proc/PID/status. */
    private static final long SIGINT_MASK = 1L << 1;

    private CliProcesses cli;
    /** One node shared by the ping and perf tests: started with a key file and two listen addresses. */
    private Child sharedNode;
    private Path sharedKey;
    private List<Matcher> sharedLines;
    private JsPeer js;

    private Child start(String... args) throws IOException {
        return cli.start(args);
    }

    private Result run(String... args) throws Exception {
        return cli.run(args);
    }

    @BeforeAll
    void startSharedNode() throws Exception {
        cli = new CliProcesses("wirepunch-cli-contract");
        sharedKey = cli.newKeyFile("shared.key");
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
        cli.destroyAllBut(List.of(sharedNode));
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (js != null) {
                js.close();
            }
        } finally {
            cli.close();
        }
    }

    private String sharedAddr(int i) {
        return sharedLines.get(i).group(1) + "/p2p/" + sharedLines.get(i).group(3);
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
