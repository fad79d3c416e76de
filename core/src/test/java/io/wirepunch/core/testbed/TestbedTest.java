package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testbed's routers behave like the NATs they stand for: outbound works and is translated,
 * unsolicited inbound is dropped, EIM keeps one mapping per local port, EDM does not, a UPnP router
 * opens forwards, and two peers behind EIM routers can meet by TCP simultaneous open. Skipped where
 * the testbed cannot run (not root, tools missing).
 */
@Timeout(120)
class TestbedTest {
    private static final Duration PROBE = Duration.ofSeconds(30);
    private static final String PROBE_MAIN = TcpProbe.class.getName();

    @BeforeAll
    static void needsTestbed() {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
    }

    @Test
    void eimKeepsOneMappingEdmMakesOnePerDestinationAndUnsolicitedInboundIsDropped() throws Exception {
        String id;
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EDM)) {
            id = bed.id();
            ProcessLines first = listen(bed, Node.RELAY, 7001);
            ProcessLines second = listen(bed, Node.RELAY, 7002);

            // A behind EIM: the same local port to two destinations keeps one mapped port (its own).
            assertConnects(bed, Node.A, Testbed.RELAY_IP + ":7001", "--from-port", "4001");
            String a1 = first.awaitPrefix("from ", PROBE);
            assertConnects(bed, Node.A, Testbed.RELAY_IP + ":7002", "--from-port", "4001");
            String a2 = second.awaitPrefix("from ", PROBE);
            assertThat(a1).isEqualTo("from " + Testbed.ROUTER_A_WAN + ":4001");
            assertThat(a2).isEqualTo(a1);

            // B behind EDM: the same local port gets a different mapped port per destination.
            assertConnects(bed, Node.B, Testbed.RELAY_IP + ":7001", "--from-port", "4002");
            String b1 = first.awaitPrefix("from ", PROBE);
            assertConnects(bed, Node.B, Testbed.RELAY_IP + ":7002", "--from-port", "4002");
            String b2 = second.awaitPrefix("from ", PROBE);
            assertThat(b1).startsWith("from " + Testbed.ROUTER_B_WAN + ":");
            assertThat(b2).startsWith("from " + Testbed.ROUTER_B_WAN + ":").isNotEqualTo(b1);

            // Unsolicited inbound, even to the ports just mapped, is dropped: a timeout, not a refusal.
            assertThat(probe(bed, Node.RELAY, "connect", Testbed.ROUTER_A_WAN + ":4001", "--timeout", "1500"))
                    .isEqualTo("fail timeout");
            assertThat(probe(bed, Node.RELAY, "connect", Testbed.ROUTER_B_WAN + ":" + port(b1), "--timeout", "1500"))
                    .isEqualTo("fail timeout");
        }
        assertNoNamespacesLeft(id);
    }

    @Test
    void upnpRouterOpensAForwardOnRequest() throws Exception {
        assumeTrue(onPath("upnpc"), "upnpc (miniupnpc) is not installed");
        String id;
        try (Testbed bed = Testbed.up(NatKind.UPNP, NatKind.EIM)) {
            id = bed.id();
            ProcessLines relay = listen(bed, Node.RELAY, 7001);
            ProcessLines inA = listen(bed, Node.A, 4100);

            assertConnects(bed, Node.A, Testbed.RELAY_IP + ":7001");
            assertThat(relay.awaitPrefix("from ", PROBE)).startsWith("from " + Testbed.ROUTER_A_WAN + ":");

            assertThat(probe(bed, Node.RELAY, "connect", Testbed.ROUTER_A_WAN + ":4100", "--timeout", "1500"))
                    .isEqualTo("fail timeout");

            ExecResult upnpc = bed.exec(Duration.ofSeconds(20), Node.A, "upnpc", "-a", Testbed.A_IP, "4100", "4100", "TCP");
            assertThat(upnpc.stdout()).as("%s", upnpc)
                    .contains("ExternalIPAddress = " + Testbed.ROUTER_A_WAN)
                    .contains("external " + Testbed.ROUTER_A_WAN + ":4100 TCP is redirected to internal " + Testbed.A_IP + ":4100");

            assertConnects(bed, Node.RELAY, Testbed.ROUTER_A_WAN + ":4100");
            assertThat(inA.awaitPrefix("from ", PROBE)).startsWith("from " + Testbed.RELAY_IP + ":");
        }
        assertNoNamespacesLeft(id);
    }

    @Test
    void tcpSimultaneousOpenThroughTwoEimRouters() throws Exception {
        String id;
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EIM)) {
            id = bed.id();
            ProcessLines a = new ProcessLines(bed.startJava(Node.A, PROBE_MAIN,
                    "punch", Testbed.ROUTER_B_WAN + ":4002", "--from-port", "4001", "--for", "8000"));
            ProcessLines b = new ProcessLines(bed.startJava(Node.B, PROBE_MAIN,
                    "punch", Testbed.ROUTER_A_WAN + ":4001", "--from-port", "4002", "--for", "8000"));
            assertThat(a.awaitPrefix("connected ", PROBE)).startsWith("connected " + Testbed.A_IP + ":4001 " + Testbed.ROUTER_B_WAN + ":4002");
            assertThat(b.awaitPrefix("connected ", PROBE)).startsWith("connected " + Testbed.B_IP + ":4002 " + Testbed.ROUTER_A_WAN + ":4001");
            assertThat(a.awaitPrefix("peer says ", PROBE)).isEqualTo("peer says hello from 4002");
            assertThat(b.awaitPrefix("peer says ", PROBE)).isEqualTo("peer says hello from 4001");
            assertThat(a.process().waitFor() == 0 && b.process().waitFor() == 0).as("%s / %s", a, b).isTrue();
        }
        assertNoNamespacesLeft(id);
    }

    private static ProcessLines listen(Testbed bed, Node n, int port) throws Exception {
        ProcessLines l = new ProcessLines(bed.startJava(n, PROBE_MAIN, "listen", Integer.toString(port)));
        l.awaitPrefix("listening ", PROBE);
        return l;
    }

    /** Runs the probe in {@code n} and returns its one line of output. */
    private static String probe(Testbed bed, Node n, String... args) throws IOException {
        ExecResult r = bed.execJava(PROBE, n, PROBE_MAIN, args);
        return r.stdout().strip() + (r.stderr().isBlank() ? "" : " / stderr: " + r.stderr().strip());
    }

    private static void assertConnects(Testbed bed, Node n, String target, String... options) throws IOException {
        String[] args = new String[2 + options.length];
        args[0] = "connect";
        args[1] = target;
        System.arraycopy(options, 0, args, 2, options.length);
        assertThat(probe(bed, n, args)).as("%s connect %s", n, target).startsWith("ok ");
    }

    private static int port(String fromLine) {
        return Integer.parseInt(fromLine.substring(fromLine.lastIndexOf(':') + 1));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static void assertNoNamespacesLeft(String id) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        List<String> ours = out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(id + "-")).toList();
        assertThat(ours).as("namespaces of %s left after close", id).isEmpty();
    }
}
