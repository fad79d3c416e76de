package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirepunch.core.cli.WirepunchCli;
import io.wirepunch.core.invite.Invitation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invitations between the user's nodes ({@code up}) behind two NATs, each node and each command its
 * own process in its namespace: {@code invite} on A, {@code join} on B, then {@code show --json} on
 * both ends reports the path the join took: direct through endpoint-independent NATs, relayed
 * through endpoint-dependent ones. The invitation does not work twice; a third peer with a guessed
 * secret is refused (and the real invitation still works after it), and an expired one is refused.
 */
class NetworksTestbedTest {
    private static final String CLI = WirepunchCli.class.getName();
    private static final String RANGE = Testbed.PUBLIC_RANGE;
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void testbed() {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
    }

    @Test
    void joinedDirectlyThroughEndpointIndependentNatsAndShowSaysSo(@TempDir Path dir) throws Exception {
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EIM)) {
            Peers p = start(bed, dir);
            String invitation = invite(bed, p, "1h");
            ExecResult joined = cli(bed, Node.B, p.bSock, "join", invitation);
            assertThat(joined.exit()).as(joined.toString()).isZero();
            assertThat(joined.stdout()).startsWith("joined wirepunch " + p.aId + " path=direct");
            assertPaths(bed, p, "direct");

            ExecResult again = cli(bed, Node.B, p.bSock, "join", invitation);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.stderr()).contains("already used");

            // A third peer, C, next to B: a guessed secret is refused and does not use the invitation up.
            String cSock = dir.resolve("c.sock").toString();
            ProcessLines c = up(bed, Node.B, cSock, dir.resolve("c"), "/ip4/0.0.0.0/tcp/4002");
            c.awaitPrefix("listen /ip4/", START);
            String second = invite(bed, p, "1h");
            ExecResult guessed = cli(bed, Node.B, cSock, "join", guessSecret(second));
            assertThat(guessed.exit()).as(guessed.toString()).isEqualTo(1);
            assertThat(guessed.stderr()).containsAnyOf("does not know that invitation", "refused the proof");
            assertThat(Files.readString(dir.resolve("a/networks/wirepunch.conf"))).doesNotContain(cId(bed, cSock));
            ExecResult real = cli(bed, Node.B, cSock, "join", second);
            assertThat(real.exit()).as(real.toString()).isZero();

            String expiring = invite(bed, p, "1s");
            Thread.sleep(1500);
            ExecResult expired = cli(bed, Node.B, cSock, "join", expiring);
            assertThat(expired.exit()).isEqualTo(1);
            assertThat(expired.stderr()).contains("expired");
        }
    }

    @Test
    void joinedThroughTheRelayWhenTheNatsCannotBePunchedAndShowSaysSo(@TempDir Path dir) throws Exception {
        try (Testbed bed = Testbed.up(NatKind.EDM, NatKind.EDM)) {
            Peers p = start(bed, dir);
            ExecResult joined = cli(bed, Node.B, p.bSock, "join", invite(bed, p, "1h"));
            assertThat(joined.exit()).as(joined.toString()).isZero();
            assertThat(joined.stdout()).startsWith("joined wirepunch " + p.aId + " path=relayed relay=");
            assertPaths(bed, p, "relayed");
        }
    }

    private record Peers(String aSock, String bSock, String aId, String bId) {}

    private static Peers start(Testbed bed, Path dir) throws Exception {
        Path relayConfig = dir.resolve("relay.json");
        Files.writeString(relayConfig, "{\"circuits\": {\"max_bytes\": \"64MB\", \"max_duration\": \"5m\"}}");
        ProcessLines relay = new ProcessLines(bed.startJava(Node.RELAY, CLI, "node", "--listen",
                "/ip4/" + Testbed.RELAY_IP + "/tcp/4001", "--relay-service", "--relay-config", relayConfig.toString(),
                "--data-dir", dir.resolve("relay").toString(), "--public-ranges", RANGE));
        String relayAddr = relay.await(l -> l.startsWith("listen /ip4/" + Testbed.RELAY_IP), START).substring("listen ".length());
        String aSock = dir.resolve("a.sock").toString();
        String bSock = dir.resolve("b.sock").toString();
        ProcessLines a = up(bed, Node.A, aSock, dir.resolve("a"), "/ip4/0.0.0.0/tcp/4001", "--relay", relayAddr);
        ProcessLines b = up(bed, Node.B, bSock, dir.resolve("b"), "/ip4/0.0.0.0/tcp/4001");
        String aCircuit = a.await(l -> l.startsWith("listen " + relayAddr + "/p2p-circuit"), START);
        String bListen = b.awaitPrefix("listen /ip4/", START);
        return new Peers(aSock, bSock, lastComponent(aCircuit), lastComponent(bListen));
    }

    private static ProcessLines up(Testbed bed, Node n, String sock, Path config, String listen, String... more)
            throws Exception {
        String[] args = new String[7 + more.length];
        String[] base = {"up", "--config", config.toString(), "--listen", listen, "--public-ranges", RANGE};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return new ProcessLines(bed.startJava(n, Map.of("WIREPUNCH_CONTROL", sock), CLI, args));
    }

    private static String invite(Testbed bed, Peers p, String ttl) throws Exception {
        ExecResult r = cli(bed, Node.A, p.aSock, "invite", "--ttl", ttl);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.stdout().strip();
    }

    private static ExecResult cli(Testbed bed, Node n, String sock, String... args) throws Exception {
        return bed.execJava(COMMAND, n, Map.of("WIREPUNCH_CONTROL", sock), CLI, args);
    }

    /** Both ends list the other as a member, on {@code path}. */
    private static void assertPaths(Testbed bed, Peers p, String path) throws Exception {
        JsonNode onA = peer(show(bed, Node.A, p.aSock), p.bId);
        JsonNode onB = peer(show(bed, Node.B, p.bSock), p.aId);
        for (JsonNode x : new JsonNode[] {onA, onB}) {
            assertThat(x.path("path").asText()).as(x.toString()).isEqualTo(path);
            assertThat(x.path("trust").asText()).isEqualTo("MEMBERSHIP");
            assertThat(x.path("networks").toString()).contains("wirepunch");
            assertThat(x.path("allowedIps").size()).isEqualTo(2);
        }
        assertThat(onA.path("relay").isNull()).isEqualTo(path.equals("direct"));
        assertThat(onB.path("relay").isNull()).isEqualTo(path.equals("direct"));
        System.out.println("networks-testbed " + bed.natA() + "/" + bed.natB() + ": joined, show --json on both ends: path "
                + path + ", A sees B at " + onA.path("endpoint").asText() + ", B sees A at " + onB.path("endpoint").asText());
    }

    private static JsonNode show(Testbed bed, Node n, String sock) throws Exception {
        ExecResult r = cli(bed, n, sock, "show", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        return JSON.readTree(r.stdout());
    }

    private static JsonNode peer(JsonNode show, String id) {
        for (JsonNode p : show.path("peers")) {
            if (p.path("peerId").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no peer " + id + " in " + show);
    }

    private static String cId(Testbed bed, String sock) throws Exception {
        return show(bed, Node.B, sock).path("node").path("peerId").asText();
    }

    /** The invitation with another, random secret: what a peer that guesses would paste. */
    private static String guessSecret(String invitation) {
        Invitation real = Invitation.parse(invitation, Clock.systemUTC());
        byte[] guess = new byte[32];
        new SecureRandom().nextBytes(guess);
        return Invitation.of(real.inviter(), guess, real.expiresAt(), real.network(), real.hints()).encode();
    }

    private static String lastComponent(String listenLine) {
        return listenLine.substring(listenLine.lastIndexOf('/') + 1);
    }
}
