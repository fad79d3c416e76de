package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import io.wirepunch.core.testutil.CliPipeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 0nc} as two processes on loopback, through a relay process: the inviter prints its
 * invitation on stderr, the joiner pastes it, and each stdin arrives byte-exact at the other's
 * stdout. Loopback counts as public here, so the hole punch moves them to a direct connection.
 */
class ZeroNcCliContractTest {
    private static final Duration START = Duration.ofSeconds(30);
    private CliProcesses procs;
    private final List<Process> pipes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        procs = new CliProcesses("zeronc");
    }

    @AfterEach
    void tearDown() throws Exception {
        pipes.forEach(Process::destroyForcibly);
        procs.close();
    }

    private Process start(Path dir, String name, Path stdin, String... args) throws Exception {
        assertThat(stdin).isEqualTo(dir.resolve(name + ".in"));
        Process p = CliPipeProcess.start(List.of(), dir, name, args);
        pipes.add(p);
        return p;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void twoEndsJoinedByOneInvitationCarryStdinToStdoutByteExact(@TempDir Path dir) throws Exception {
        CliProcesses.Child relay = procs.start("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay-service",
                "--data-dir", dir.resolve("relay").toString());
        String relayAddr = relay.nextLine(START).substring("listen ".length());
        byte[] fromInviter = random(3 << 20, 1);
        byte[] fromJoiner = random(2 << 20, 2);
        Files.write(dir.resolve("inviter.in"), fromInviter);
        Files.write(dir.resolve("joiner.in"), fromJoiner);

        Process inviter = start(dir, "inviter", dir.resolve("inviter.in"), "0nc", "--relay", relayAddr,
                "--listen", "/ip4/127.0.0.1/tcp/0", "--public-ranges", "127.0.0.0/8");
        String invitation = CliPipeProcess.awaitInvitation(dir.resolve("inviter.err"), START);
        assertThat(invitation).startsWith("wp1");
        Process joiner = start(dir, "joiner", dir.resolve("joiner.in"), "0nc", invitation,
                "--listen", "/ip4/127.0.0.1/tcp/0", "--public-ranges", "127.0.0.0/8");

        assertThat(joiner.waitFor(60, TimeUnit.SECONDS)).as("joiner done").isTrue();
        assertThat(inviter.waitFor(60, TimeUnit.SECONDS)).as("inviter done").isTrue();
        assertThat(joiner.exitValue()).as(Files.readString(dir.resolve("joiner.err"))).isZero();
        assertThat(inviter.exitValue()).as(Files.readString(dir.resolve("inviter.err"))).isZero();
        assertThat(Files.readAllBytes(dir.resolve("joiner.out"))).isEqualTo(fromInviter);
        assertThat(Files.readAllBytes(dir.resolve("inviter.out"))).isEqualTo(fromJoiner);
    }

    @Test
    void aMistypedInvitationGetsOneSentence(@TempDir Path dir) throws Exception {
        CliProcesses.Result r = procs.run("0nc", "wp1pqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq");

        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr().strip().lines().count()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("wirepunch 0nc: ");
    }
}
