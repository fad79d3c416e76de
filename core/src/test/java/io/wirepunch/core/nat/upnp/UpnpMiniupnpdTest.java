package io.wirepunch.core.nat.upnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirepunch.core.cli.WirepunchCli;
import io.wirepunch.core.testbed.ExecResult;
import io.wirepunch.core.testbed.NatKind;
import io.wirepunch.core.testbed.Node;
import io.wirepunch.core.testbed.ProcessLines;
import io.wirepunch.core.testbed.Testbed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Against a real miniupnpd: router A of the testbed is a {@code upnp} router. The node, netcheck
 * and a short-lease probe run in A's namespace; the mapping is checked in miniupnpd's lease file
 * and with {@code upnpc -l}, and used from the public host. Skipped unless the testbed can run here
 * (root, ip, nft, miniupnpd).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class UpnpMiniupnpdTest {
    private static final Duration STARTUP = Duration.ofSeconds(40);
    private static final Pattern LISTEN = Pattern.compile("listen /ip6/::/tcp/(\\d+)/p2p/(\\w+)|listen /ip4/0\\.0\\.0\\.0/tcp/(\\d+)/p2p/(\\w+)");
    private Testbed bed;

    @BeforeAll
    void up() throws IOException {
        assumeTrue(Testbed.available(), "the testbed needs root, ip, nft and miniupnpd");
        bed = Testbed.up(NatKind.UPNP, NatKind.EIM);
    }

    @AfterAll
    void down() {
        if (bed != null) {
            bed.close();
        }
    }

    private Path leaseFile() {
        return Path.of("/tmp/wirepunch-testbed", bed.id(), bed.ns(Node.ROUTER_A).substring(bed.id().length() + 1), "upnp.leases");
    }

    private List<String> leases() throws IOException {
        return Files.readAllLines(leaseFile()).stream().filter(l -> l.endsWith(":wirepunch")).toList();
    }

    private String upnpcList() throws IOException {
        ExecResult r = bed.exec(Duration.ofSeconds(20), Node.A, "upnpc", "-l");
        return r.stdout();
    }

    private ProcessLines cli(Node n, String... args) throws IOException {
        return new ProcessLines(bed.startJava(n, WirepunchCli.class.getName(), args));
    }

    private static void terminate(ProcessLines p) throws InterruptedException {
        p.process().destroy(); // SIGTERM: the node stops and removes its mapping
        assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).as("exited on SIGTERM").isTrue();
    }

    @Test
    void theNodeMapsItsPortAnnouncesItAndRemovesItOnExit() throws Exception {
        ProcessLines node = cli(Node.A, "node", "--upnp", "--listen", "/ip4/0.0.0.0/tcp/4001");
        String listen = node.awaitPrefix("listen ", STARTUP);
        Matcher lm = LISTEN.matcher(listen);
        assertThat(lm.matches()).as(listen).isTrue();
        String peerId = lm.group(2) != null ? lm.group(2) : lm.group(4);
        String mapped = node.awaitPrefix("upnp ", STARTUP);
        assertThat(mapped).isEqualTo("upnp mapped /ip4/" + Testbed.ROUTER_A_WAN + "/tcp/4001");

        assertThat(leases()).singleElement().asString().startsWith("TCP:4001:" + Testbed.A_IP + ":4001:");
        assertThat(upnpcList()).containsPattern("TCP +4001->" + Pattern.quote(Testbed.A_IP) + ":4001 +'wirepunch'");

        // The public host reaches the node in A through the router's WAN address: a libp2p ping answers.
        ExecResult ping = bed.execJava(Duration.ofSeconds(60), Node.RELAY, WirepunchCli.class.getName(), "ping",
                "--count", "2", "/ip4/" + Testbed.ROUTER_A_WAN + "/tcp/4001/p2p/" + peerId);
        assertThat(ping.stdout()).as("%s", ping).contains("pong " + peerId);

        terminate(node);
        assertThat(leases()).isEmpty();
        assertThat(upnpcList()).doesNotContain("'wirepunch'");
    }

    @Test
    void aShortLeaseIsRenewedBeforeItRunsOutAndRemovedOnClose() throws Exception {
        long leaseSeconds = 4;
        ProcessLines probe = new ProcessLines(bed.startJava(Node.A, UpnpLeaseProbe.class.getName(), "4300",
                Long.toString(leaseSeconds)));
        assertThat(probe.awaitPrefix("", STARTUP)).isEqualTo("mapped /ip4/" + Testbed.ROUTER_A_WAN + "/tcp/4300");
        long firstExpiry = expiry(leases());
        probe.awaitPrefix("renewed ", Duration.ofSeconds(leaseSeconds + 2));
        probe.awaitPrefix("renewed ", Duration.ofSeconds(leaseSeconds + 2));
        // two renewals: the original lease has run out, yet the mapping is there with a later expiry
        assertThat(expiry(leases())).isGreaterThan(firstExpiry);
        assertThat(upnpcList()).containsPattern("TCP +4300->" + Pattern.quote(Testbed.A_IP) + ":4300 +'wirepunch'");
        ExecResult connect = bed.exec(Duration.ofSeconds(10), Node.RELAY, "bash", "-c",
                "exec 3<>/dev/tcp/" + Testbed.ROUTER_A_WAN + "/4300 && echo connected");
        assertThat(connect.stdout()).as("%s", connect).contains("connected");
        assertThat(probe.stdoutSoFar()).noneMatch(l -> l.startsWith("lost"));
        terminate(probe);
        assertThat(leases()).isEmpty();
    }

    @Test
    void netcheckReportsTheMappingAndRemovesIt() throws Exception {
        ProcessLines peer = cli(Node.RELAY, "node", "--listen", "/ip4/" + Testbed.RELAY_IP + "/tcp/4002",
                "--public-ranges", Testbed.PUBLIC_RANGE);
        String listen = peer.awaitPrefix("listen ", STARTUP).substring("listen ".length());
        ExecResult r = bed.execJava(Duration.ofSeconds(90), Node.A, WirepunchCli.class.getName(), "netcheck",
                "--peer", listen, "--listen", "/ip4/0.0.0.0/tcp/4003", "--public-ranges", Testbed.PUBLIC_RANGE,
                "--timeout", "15");
        assertThat(r.exit()).as("%s", r).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("upnp gateway .+ at http://" + Pattern.quote(Testbed.ROUTER_A_LAN) + ":\\d+/.*"));
        assertThat(lines).contains("upnp external-ip " + Testbed.ROUTER_A_WAN);
        assertThat(lines).contains("upnp mapped /ip4/" + Testbed.ROUTER_A_WAN + "/tcp/4003 -> /ip4/" + Testbed.A_IP
                + "/tcp/4003 (lease 3600 s)");
        assertThat(leases()).isEmpty();
        terminate(peer);
    }

    private static long expiry(List<String> leases) {
        assertThat(leases).hasSize(1);
        // PROTO:EXT_PORT:INTERNAL_IP:INTERNAL_PORT:EXPIRY:DESCRIPTION
        return Long.parseLong(leases.get(0).split(":")[4]);
    }
}
