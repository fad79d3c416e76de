package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up --config}, {@code invite}, {@code join}, {@code show --json}, {@code reload} and
 * {@code down} as separate processes, two nodes on 127.0.0.1, each with its own control socket and
 * configuration directory.
 */
class NetworksCliContractTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration SHOW_WAIT = Duration.ofSeconds(15);
    private static final String JOINED = "joined wirepunch %s path=direct ipv4=10\\.77\\.\\d{1,3}\\.\\d{1,3}"
            + " ipv6=fd[0-9a-f:]+ in \\d+ms";

    private final List<CliProcesses> all = new ArrayList<>();
    private Path root;

    /** One user's node: its own control socket and configuration directory. */
    private final class User {
        final CliProcesses procs;
        final Path socket;
        final Path config;
        CliProcesses.Child up;
        String peerId;
        String listen;

        User(String name) throws Exception {
            procs = new CliProcesses("networks-" + name);
            all.add(procs);
            socket = root.resolve(name + "-run/control.sock");
            config = root.resolve(name + "-config");
            procs.env.put("WIREPUNCH_CONTROL", socket.toString());
            procs.env.put("WIREPUNCH_CONFIG", root.resolve(name + "-unused").toString());
        }

        CliProcesses.Child startUp() throws Exception {
            return procs.start("up", "--config", config.toString(), "--listen", "/ip4/127.0.0.1/tcp/0");
        }

        /** Reads the lines that say the node is up; returns its PeerId. */
        String awaitUp(CliProcesses.Child child) throws Exception {
            assertThat(child.nextLine(START)).isEqualTo("control " + socket);
            String listen = child.nextLine(START);
            assertThat(listen).startsWith("listen /ip4/127.0.0.1/tcp/").contains("/p2p/12D3KooW");
            up = child;
            peerId = listen.substring(listen.indexOf("/p2p/") + "/p2p/".length());
            this.listen = listen.substring("listen ".length());
            return peerId;
        }

        CliProcesses.Result run(String... args) throws Exception {
            return procs.run(args);
        }

        JsonNode show() throws Exception {
            CliProcesses.Result r = run("show", "--json");
            assertThat(r.exit()).as("show --json; stderr: %s", r.stderr()).isZero();
            return new ObjectMapper().readTree(String.join("\n", r.stdout()));
        }

        /** The peer {@code id} in {@code show --json} once it is listed as a direct member. */
        JsonNode awaitDirectMember(String id) throws Exception {
            long until = System.nanoTime() + SHOW_WAIT.toNanos();
            JsonNode last = null;
            while (true) {
                last = show();
                Optional<JsonNode> peer = find(last, id);
                if (peer.isPresent() && peer.get().path("path").asText().equals("direct")
                        && peer.get().path("networks").size() > 0) {
                    return peer.get();
                }
                if (System.nanoTime() > until) {
                    throw new AssertionError("no direct member " + id + " in " + last);
                }
                Thread.sleep(200);
            }
        }

        void down() throws Exception {
            CliProcesses.Result r = run("down");
            assertThat(r.stdout()).as("down; stderr: %s", r.stderr()).containsExactly("down");
            assertThat(up.awaitExit(START)).isZero();
        }
    }

    private static Optional<JsonNode> find(JsonNode shown, String id) {
        for (JsonNode p : shown.path("peers")) {
            if (p.path("peerId").asText().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("wirepunch-networks");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (CliProcesses p : all) {
            p.close();
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void inviteJoinShowReloadAndDownBetweenTwoNodes() throws Exception {
        User a = new User("a");
        User b = new User("b");
        User nobody = new User("nobody");
        CliProcesses.Child upA = a.startUp();
        CliProcesses.Child upB = b.startUp();
        String idA = a.awaitUp(upA);
        String idB = b.awaitUp(upB);
        assertThat(idA).isNotEqualTo(idB);
        for (User u : List.of(a, b)) {
            assertThat(Files.getPosixFilePermissions(u.config.resolve("key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(u.config)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
        // The configuration went to --config, not to $WIREPUNCH_CONFIG.
        assertThat(root.resolve("a-unused")).doesNotExist();

        CliProcesses.Result invite = a.run("invite", "--ttl", "1h");
        assertThat(invite.exit()).as("invite; stderr: %s", invite.stderr()).isZero();
        assertThat(invite.stdout()).singleElement().asString().startsWith("wp1").doesNotContain(" ");
        assertThat(invite.stderr()).contains("into network wirepunch");
        String invitation = invite.stdout().get(0);
        assertThat(a.config.resolve("networks/wirepunch.conf")).exists();

        CliProcesses.Result join = b.run("join", invitation);
        assertThat(join.exit()).as("join; stderr: %s", join.stderr()).isZero();
        assertThat(join.stdout()).singleElement().asString().matches(String.format(JOINED, idA));
        assertThat(Files.readString(b.config.resolve("networks/wirepunch.conf"))).contains(idA);

        CliProcesses.Result again = b.run("join", invitation);
        assertThat(again.exit()).isEqualTo(1);
        CliProcesses.assertOneSentenceOnStderr(again, "join");
        assertThat(again.stderr()).contains("already used");

        // A paste that is not an invitation is named by the command itself: no node needs to run.
        CliProcesses.Result garbage = nobody.run("join", "wp1garbage");
        assertThat(garbage.exit()).isEqualTo(1);
        CliProcesses.assertOneSentenceOnStderr(garbage, "join");
        assertThat(garbage.stderr()).contains("invitation").doesNotContain("no Wirepunch node");

        JsonNode bAtA = a.awaitDirectMember(idB);
        JsonNode aAtB = b.awaitDirectMember(idA);
        assertThat(Files.readString(a.config.resolve("networks/wirepunch.conf"))).contains(idB);
        for (JsonNode member : List.of(bAtA, aAtB)) {
            assertThat(member.path("networks")).extracting(JsonNode::asText).containsExactly("wirepunch");
            assertThat(member.path("trust").asText()).isEqualTo("MEMBERSHIP");
            assertThat(member.path("persistentKeepalive").asInt()).isEqualTo(25);
            assertThat(member.path("allowedIps")).hasSize(2);
        }
        // Each side's own address is the one the other lists for it.
        JsonNode netA = a.show().path("node").path("networks").get(0);
        assertThat(aAtB.path("allowedIps").get(0).asText()).isEqualTo(netA.path("ipv4").asText() + "/32");
        assertThat(aAtB.path("allowedIps").get(1).asText()).isEqualTo(netA.path("ipv6").asText() + "/128");
        assertThat(join.stdout().get(0)).contains("ipv4=" + bAtA.path("allowedIps").get(0).asText().replace("/32", " "));

        CliProcesses.Result reload = a.run("reload");
        assertThat(reload.exit()).as("reload; stderr: %s", reload.stderr()).isZero();
        assertThat(reload.stdout()).containsExactly("network wirepunch");

        Path bad = a.config.resolve("networks/bad.conf");
        Files.writeString(bad, "name bad\nsubnet 10.5.0.0/16\ntrust not-a-key\n");
        CliProcesses.Result broken = a.run("reload");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.stdout()).containsExactly("network wirepunch");
        assertThat(broken.stderr().lines().toList()).singleElement().asString()
                .contains(bad.toString()).contains("line 3").doesNotContain("Exception");
        JsonNode problems = a.show().path("node").path("networkProblems");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).asText()).contains("bad.conf");

        CliProcesses.Result none = nobody.run("invite");
        assertThat(none.exit()).isEqualTo(1);
        CliProcesses.assertOneSentenceOnStderr(none, "invite");
        assertThat(none.stderr()).contains("no Wirepunch node is running");

        a.down();
        b.down();

        // A restart keeps the key, and the network: B is still A's member.
        String again2 = a.awaitUp(a.startUp());
        assertThat(again2).isEqualTo(idA);
        JsonNode restarted = a.show();
        assertThat(find(restarted, idB)).hasValueSatisfying(p ->
                assertThat(p.path("networks")).extracting(JsonNode::asText).containsExactly("wirepunch"));
        a.down();
    }

    @Test
    void exposeAndForwardCarryTcpBetweenMembersOnly() throws Exception {
        User a = new User("a");
        User b = new User("b");
        User stranger = new User("c");
        String idA = a.awaitUp(a.startUp());
        String idB = b.awaitUp(b.startUp());
        stranger.awaitUp(stranger.startUp());
        CliProcesses.Result invite = a.run("invite");
        assertThat(b.run("join", invite.stdout().get(0)).exit()).isZero();
        b.awaitDirectMember(idA);

        try (ServerSocket echo = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> echoAll(echo), "echo");
            server.setDaemon(true);
            server.start();
            int port = echo.getLocalPort();
            CliProcesses.Result exposed = b.run("expose", Integer.toString(port));
            assertThat(exposed.stdout()).as("expose; stderr: %s", exposed.stderr()).containsExactly("exposed " + port);

            CliProcesses.Result fwd = a.run("forward", "0", idB + ":" + port);
            assertThat(fwd.exit()).as("forward; stderr: %s", fwd.stderr()).isZero();
            assertThat(fwd.stdout()).singleElement().asString().startsWith("forward 127.0.0.1:").endsWith(" " + idB + ":" + port);
            int local = localPort(fwd);
            byte[] sent = new byte[256 * 1024];
            new Random(7).nextBytes(sent);
            assertThat(roundTrip(local, sent)).isEqualTo(sent);

            // A peer of no network of B's is refused: its local connection ends without a byte.
            CliProcesses.Result strangerFwd = stranger.run("forward", "0", b.listen + ":" + port);
            assertThat(strangerFwd.exit()).as("forward; stderr: %s", strangerFwd.stderr()).isZero();
            assertThat(roundTrip(localPort(strangerFwd), sent)).isEmpty();
            JsonNode forwards = stranger.show().path("node").path("forwards");
            assertThat(forwards.get(0).path("lastError").asText()).startsWith("REFUSED");

            CliProcesses.Result removed = a.run("forward", "--remove", Integer.toString(local));
            assertThat(removed.stdout()).singleElement().asString().startsWith("removed 127.0.0.1:" + local);
            assertThat(a.show().path("node").path("forwards")).isEmpty();
            CliProcesses.Result unexposed = b.run("expose", "--remove", Integer.toString(port));
            assertThat(unexposed.stdout()).containsExactly("exposed");

            CliProcesses.Result badPort = b.run("expose", "0");
            assertThat(badPort.exit()).isEqualTo(1);
            CliProcesses.assertOneSentenceOnStderr(badPort, "expose");
            CliProcesses.Result badTarget = a.run("forward", "0", "nobody-by-that-name:22");
            assertThat(badTarget.exit()).isEqualTo(1);
            CliProcesses.assertOneSentenceOnStderr(badTarget, "forward");
            assertThat(badTarget.stderr()).contains("neither a peer id");
        }
        a.down();
        b.down();
        stranger.down();
    }

    private static int localPort(CliProcesses.Result forward) {
        String line = forward.stdout().get(0);
        String addr = line.split(" ")[1];
        return Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
    }

    /** Sends {@code data} to 127.0.0.1:{@code port}, half-closes, and reads what comes back until the end. */
    private static byte[] roundTrip(int port, byte[] data) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) START.toMillis());
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (Exception e) {
                    // the reader sees what arrived
                }
            });
            writer.start();
            byte[] got;
            try {
                got = s.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                got = new byte[0];
            }
            writer.join(START.toMillis());
            return got;
        }
    }

    private static void echoAll(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                Thread t = new Thread(() -> {
                    try (c) {
                        c.getInputStream().transferTo(c.getOutputStream());
                        c.shutdownOutput();
                    } catch (Exception e) {
                        // the client's side of the test reports
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (Exception closed) {
                return;
            }
        }
    }
}
