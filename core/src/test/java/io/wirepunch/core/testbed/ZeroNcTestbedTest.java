package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirepunch.core.cli.WirepunchCli;
import io.wirepunch.core.testutil.CliPipeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 0nc} between peers behind two NATs, each end its own process in its namespace: 10 MiB
 * each way byte-exact, directly when the NATs can be punched (endpoint-independent on both sides)
 * and through the relay when they cannot (endpoint-dependent on both sides).
 */
class ZeroNcTestbedTest {
    private static final String CLI = WirepunchCli.class.getName();
    private static final String RANGE = Testbed.PUBLIC_RANGE;
    private static final Duration START = Duration.ofSeconds(40);
    private static final int BYTES = 10 << 20;

    @BeforeAll
    static void testbed() {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
    }

    @Test
    void tenMebibytesEachWayDirectlyThroughEndpointIndependentNats(@TempDir Path dir) throws Exception {
        String path = carry(NatKind.EIM, NatKind.EIM, dir);
        assertThat(path).isEqualTo("direct");
    }

    @Test
    void tenMebibytesEachWayThroughTheRelayWhenTheNatsCannotBePunched(@TempDir Path dir) throws Exception {
        String path = carry(NatKind.EDM, NatKind.EDM, dir);
        assertThat(path).isEqualTo("relayed");
    }

    /** Runs one 0nc exchange from A (inviter) to B (joiner); answers the path the joiner's pipe took. */
    private static String carry(NatKind a, NatKind b, Path dir) throws Exception {
        try (Testbed bed = Testbed.up(a, b)) {
            Path config = dir.resolve("relay.json");
            Files.writeString(config, "{\"circuits\": {\"max_bytes\": \"64MB\", \"max_duration\": \"5m\"}}");
            ProcessLines relay = new ProcessLines(bed.startJava(Node.RELAY, CLI, "node", "--listen",
                    "/ip4/" + Testbed.RELAY_IP + "/tcp/4001", "--relay-service", "--relay-config", config.toString(),
                    "--data-dir", dir.resolve("relay").toString(), "--public-ranges", RANGE));
            String relayAddr = relay.await(l -> l.startsWith("listen /ip4/" + Testbed.RELAY_IP), START).substring("listen ".length());
            byte[] fromA = random(1);
            byte[] fromB = random(2);
            Files.write(dir.resolve("a.in"), fromA);
            Files.write(dir.resolve("b.in"), fromB);

            Process inviter = start(bed, Node.A, dir, "a", "0nc", "--relay", relayAddr, "--listen", "/ip4/0.0.0.0/tcp/4001",
                    "--public-ranges", RANGE);
            String invitation = CliPipeProcess.awaitInvitation(dir.resolve("a.err"), START);
            Process joiner = start(bed, Node.B, dir, "b", "0nc", invitation, "--listen", "/ip4/0.0.0.0/tcp/4001",
                    "--public-ranges", RANGE, "--verbose-path");

            assertThat(joiner.waitFor(120, TimeUnit.SECONDS)).as("joiner done").isTrue();
            assertThat(inviter.waitFor(60, TimeUnit.SECONDS)).as("inviter done").isTrue();
            String joinerErr = Files.readString(dir.resolve("b.err"));
            assertThat(joiner.exitValue()).as(joinerErr).isZero();
            assertThat(inviter.exitValue()).as(Files.readString(dir.resolve("a.err"))).isZero();
            assertThat(Files.readAllBytes(dir.resolve("b.out"))).isEqualTo(fromA);
            assertThat(Files.readAllBytes(dir.resolve("a.out"))).isEqualTo(fromB);
            String path = joinerErr.lines().filter(l -> l.startsWith("path ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no path line: " + joinerErr)).split(" ")[1];
            System.out.println("0nc-testbed " + a + "/" + b + ": 10 MiB each way byte-exact, path " + path);
            return path;
        }
    }

    private static byte[] random(long seed) {
        byte[] out = new byte[BYTES];
        new Random(seed).nextBytes(out);
        return out;
    }

    private static Process start(Testbed bed, Node n, Path dir, String name, String... args) throws Exception {
        return CliPipeProcess.start(List.of("ip", "netns", "exec", bed.ns(n)), dir, name, args);
    }
}
