package io.wirepunch.core.cli;

import static io.wirepunch.core.cli.CliProcesses.assertOneSentenceOnStderr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.cli.CliProcesses.Child;
import io.wirepunch.core.cli.CliProcesses.Result;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiformats.Cid;
import io.wirepunch.core.multiformats.Multihash;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHT's CLI contract, checked from outside as {@link CliContractTest} checks the rest: four
 * {@code wirepunch node} processes form a DHT on loopback (the first with {@code --dht server}, the
 * others joining through it), and each {@code wirepunch dht} command runs as its own JVM against them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DhtCliContractTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration JOIN = Duration.ofSeconds(60);
    private static final int NODES = 4;
    private static final Pattern LISTEN = Pattern.compile("listen (/ip4/127\\.0\\.0\\.1/tcp/\\d+)/p2p/(\\w+)");
    private static final Pattern JOINED = Pattern.compile("dht joined (\\d+) peers");
    private static final String LOOPBACK = "/ip4/127.0.0.1/tcp/0";
    /** Every process shares 127.0.0.0/24, which the default diversity limit of 2 per network would mostly keep out. */
    private static final List<String> SAME_NETWORK = List.of("--max-peers-per-network", "20");
    private static final String LOOPBACK_ADDR = "/ip4/127\\.0\\.0\\.1/tcp/\\d+";

    private CliProcesses cli;
    private final List<Child> nodes = new ArrayList<>();
    private final List<PeerId> ids = new ArrayList<>();
    private final List<String> addrs = new ArrayList<>();
    private final List<String> joinedLines = new ArrayList<>();
    private String bootstrap;

    @BeforeAll
    void startDht() throws Exception {
        cli = new CliProcesses("wirepunch-dht-cli-contract");
        nodes.add(cli.start(args(List.of("node", "--no-perf", "--listen", LOOPBACK, "--dht", "server"), SAME_NETWORK)));
        readListenLine(nodes.get(0));
        bootstrap = addrs.get(0) + "/p2p/" + ids.get(0);
        for (int i = 1; i < NODES; i++) {
            nodes.add(cli.start(args(List.of("node", "--no-perf", "--listen", LOOPBACK, "--bootstrap", bootstrap),
                    SAME_NETWORK)));
        }
        for (int i = 1; i < NODES; i++) {
            readListenLine(nodes.get(i));
        }
        for (int i = 1; i < NODES; i++) {
            joinedLines.add(nodes.get(i).nextLine(JOIN));
        }
    }

    private void readListenLine(Child node) throws InterruptedException {
        String line = node.nextLine(STARTUP);
        Matcher m = LISTEN.matcher(line);
        assertThat(m.matches()).as("listen line '%s'", line).isTrue();
        addrs.add(m.group(1));
        ids.add(PeerId.parse(m.group(2)));
    }

    @AfterEach
    void destroyOneShotChildren() {
        cli.destroyAllBut(nodes);
    }

    @AfterAll
    void stopEverything() throws Exception {
        cli.close();
    }

    @SafeVarargs
    private static String[] args(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toArray(String[]::new);
    }

    /** A dht command against the test DHT, listening on loopback only. */
    private Result dht(String... command) throws Exception {
        return cli.run(args(List.of("dht"), List.of(command),
                List.of("--bootstrap", bootstrap, "--listen", LOOPBACK), SAME_NETWORK));
    }

    // --- node ---

    @Test
    void aNodeSavesItsTableOnStopAndRejoinsThroughItWithoutBootstrapPeers(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("dht-table");
        Child first = cli.start(args(List.of("node", "--no-perf", "--listen", LOOPBACK, "--bootstrap", bootstrap,
                "--dht-table", table.toString()), SAME_NETWORK));
        assertThat(first.nextLine(STARTUP)).matches("listen " + LOOPBACK_ADDR + "/p2p/\\w+");
        assertThat(first.nextLine(JOIN)).matches(JOINED.pattern());
        first.process.destroy(); // SIGTERM: the node stops as it would when its user quits
        assertThat(first.process.waitFor(STARTUP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(java.nio.file.Files.readString(table)).contains(ids.get(0).toBase58());

        Child again = cli.start(args(List.of("node", "--no-perf", "--listen", LOOPBACK, "--dht", "server",
                "--dht-table", table.toString()), SAME_NETWORK));
        assertThat(again.nextLine(STARTUP)).matches("listen " + LOOPBACK_ADDR + "/p2p/\\w+");
        assertThat(again.nextLine(JOIN)).matches(JOINED.pattern());
    }

    @Test
    void aTableFileWithoutADhtIsRefused() throws Exception {
        Result r = cli.run("node", "--dht-table", "t");
        assertOneSentenceOnStderr(r, "node");
        assertThat(r.stderr()).contains("--dht-table");
    }

    @Test
    void joiningNodesPrintOneJoinedLineAfterTheirListenLineAndTheFirstNodeNone() {
        assertThat(joinedLines).hasSize(NODES - 1).allSatisfy(line -> {
            Matcher m = JOINED.matcher(line);
            assertThat(m.matches()).as("joined line '%s'", line).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isBetween(1, NODES - 1);
        });
        assertThat(nodes.get(0).allStdout()).hasSize(1);
        for (Child node : nodes) {
            assertThat(node.process.isAlive()).isTrue();
            assertThat(node.stderrText()).isEmpty();
        }
    }

    @Test
    void aNodeWhoseBootstrapPeerIsNotUpYetWarnsOnceRunsOnAndJoinsWhenItIs() throws Exception {
        Path key = cli.newKeyFile("late.key");
        String late = "/ip4/127.0.0.1/tcp/" + freePort();
        String lateAddr = late + "/p2p/" + KeyFile.read(key).publicKey().peerId();
        Child node = cli.start(args(List.of("node", "--no-perf", "--listen", LOOPBACK, "--bootstrap", lateAddr),
                SAME_NETWORK));
        assertThat(node.nextLine(STARTUP)).matches(LISTEN);
        await().atMost(JOIN).until(() -> !node.stderrText().isEmpty());
        assertThat(node.stderrText().lines().toList()).singleElement().asString()
                .isEqualTo("wirepunch node: warning: could not join the DHT: no bootstrap peer answered a kad query"
                        + " (1 tried); retrying in the background");
        assertThat(node.process.isAlive()).isTrue();

        Child peer = cli.start(args(List.of("node", "--no-perf", "--key", key.toString(), "--listen", late,
                "--dht", "server"), SAME_NETWORK));
        assertThat(peer.nextLine(STARTUP)).isEqualTo("listen " + lateAddr);
        assertThat(node.nextLine(JOIN)).isEqualTo("dht joined 1 peers");
        assertThat(node.stderrText().lines()).hasSize(1);
    }

    // --- find-peer ---

    @Test
    void findPeerPrintsThePeerAndItsAddressWithoutP2p() throws Exception {
        Result r = dht("find-peer", ids.get(NODES - 1).toString());
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).containsExactly("found " + ids.get(NODES - 1) + " " + addrs.get(NODES - 1));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void findPeerOfAPeerNobodyKnowsIsOneSentenceAndExitOne() throws Exception {
        PeerId nobody = Keys.generateEd25519().publicKey().peerId();
        Result r = dht("find-peer", nobody.toString());
        assertOneSentenceOnStderr(r, "dht find-peer");
        assertThat(r.exit()).isEqualTo(DhtQuery.NOT_FOUND);
        assertThat(r.stderr()).contains(nobody + " not found");
    }

    // --- closest ---

    @Test
    void closestListsEveryServerByXorDistanceToTheSha256OfTheKey() throws Exception {
        String name = "closest-contract";
        byte[] key = Multihash.sha256(name.getBytes(StandardCharsets.UTF_8)).toBytes();
        Result r = dht("closest", name);
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).containsExactlyElementsOf(expectedClosest(KadId.ofKey(key)));
    }

    @Test
    void closestToAPeerIdPutsThatPeerFirst() throws Exception {
        PeerId target = ids.get(1);
        Result r = dht("closest", target.toCid());
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).containsExactlyElementsOf(expectedClosest(KadId.of(target)));
        assertThat(r.stdout().get(0)).isEqualTo("closest " + target);
    }

    private List<String> expectedClosest(KadId target) {
        Comparator<KadId> byDistance = target.byDistance();
        return ids.stream().sorted(Comparator.comparing(KadId::of, byDistance)).map(id -> "closest " + id).toList();
    }

    // --- provide, find-providers ---

    @Test
    void aProvidedNameIsFoundByItsPrintedCidFromAnotherProcess() throws Exception {
        String name = "provider-contract";
        Cid cid = Cid.of(Cid.RAW, Multihash.sha256(name.getBytes(StandardCharsets.UTF_8)));
        Path key = cli.newKeyFile("provider.key");
        PeerId provider = KeyFile.read(key).publicKey().peerId();

        Result provided = dht("provide", name, "--key", key.toString());
        assertThat(provided.exit()).as("stderr: %s", provided.stderr()).isZero();
        assertThat(provided.stdout()).containsExactly("provided " + cid + " to " + NODES + " peers");

        Result found = dht("find-providers", provided.stdout().get(0).split(" ")[1]);
        assertThat(found.exit()).as("stderr: %s", found.stderr()).isZero();
        assertThat(found.stdout()).singleElement().asString()
                .matches("provider " + Pattern.quote(provider.toString()) + " " + LOOPBACK_ADDR);
        assertThat(found.stderr()).isEmpty();
    }

    @Test
    void aCidNobodyProvidesIsOneSentenceAndExitOne() throws Exception {
        String never = Cid.of(Cid.RAW, Multihash.sha256("never provided".getBytes(StandardCharsets.UTF_8))).toString();
        Result r = dht("find-providers", never, "--max", "3");
        assertOneSentenceOnStderr(r, "dht find-providers");
        assertThat(r.exit()).isEqualTo(DhtQuery.NOT_FOUND);
        assertThat(r.stderr()).contains("no providers of " + never);
    }

    // --- cannot ask ---

    @Test
    void anUnreachableBootstrapPeerOrAnotherDhtProtocolIsOneSentenceAndExitTwo() throws Exception {
        PeerId someone = ids.get(1);
        Child closed = cli.start("dht", "find-peer", someone.toString(), "--bootstrap", closedPortAddr());
        Child otherDht = cli.start(args(List.of("dht", "find-peer", someone.toString(), "--bootstrap", bootstrap,
                "--kad-protocol", KadProtocol.PRIVATE_ID), SAME_NETWORK));
        for (Result r : List.of(closed.result(), otherDht.result())) {
            assertOneSentenceOnStderr(r, "dht find-peer");
            assertThat(r.exit()).isEqualTo(DhtQuery.CANNOT_ASK);
            assertThat(r.stderr()).contains("could not join the DHT: no bootstrap peer answered a kad query");
        }
    }

    @Test
    void aPrivateDhtAnswersKeysWithItsWorkAndNoOthers() throws Exception {
        WorkRequirement work = new WorkRequirement("contract", 4);
        Path seedKey = keyFile("seed.key", work, true);
        Child seed = cli.start(args(List.of("node", "--no-perf", "--key", seedKey.toString(), "--listen", LOOPBACK,
                "--dht", "server", "--workbits", "4", "--namespace", "contract"), SAME_NETWORK));
        Matcher listen = LISTEN.matcher(seed.nextLine(STARTUP));
        assertThat(listen.matches()).isTrue();
        String seedAddr = listen.group(1) + "/p2p/" + listen.group(2);
        List<String> privateDht = List.of("--bootstrap", seedAddr, "--listen", LOOPBACK,
                "--workbits", "4", "--namespace", "contract");

        Child worked = cli.start(args(List.of("dht", "closest", listen.group(2), "--key",
                keyFile("worked.key", work, true).toString()), privateDht, SAME_NETWORK));
        Child lazy = cli.start(args(List.of("dht", "closest", listen.group(2), "--key",
                keyFile("lazy.key", work, false).toString()), privateDht, SAME_NETWORK));

        Result answered = worked.result();
        assertThat(answered.exit()).as("stderr: %s", answered.stderr()).isZero();
        assertThat(answered.stdout()).containsExactly("closest " + listen.group(2));
        Result refused = lazy.result();
        assertThat(refused.exit()).isEqualTo(DhtQuery.CANNOT_ASK);
        assertThat(refused.stderr().lines().toList()).satisfiesExactly(
                warning -> assertThat(warning).startsWith("wirepunch dht closest: warning: this key has")
                        .contains("the DHT asks for 4"),
                error -> assertThat(error).startsWith("wirepunch dht closest: could not join the DHT: "));
    }

    /** A key file whose key has at least {@code work}'s bits, or fewer; 4 bits take about 16 tries either way. */
    private Path keyFile(String name, WorkRequirement work, boolean enough) throws Exception {
        PrivateKey key = Keys.generateEd25519();
        while (work.admits(key.publicKey()) != enough) {
            key = Keys.generateEd25519();
        }
        Path file = cli.directory().resolve(name);
        KeyFile.write(file, key, false);
        return file;
    }

    /** Each bad input, and the text its one sentence must name. */
    @Test
    void badInputIsOneSentenceNamingTheBadPart() throws Exception {
        String typo = ids.get(1).toString().substring(0, 20) + "0" + ids.get(1).toString().substring(21);
        String cidTypo = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3N0";
        Map<List<String>, String> cases = Map.of(
                List.of("dht", "find-peer", typo, "--bootstrap", bootstrap), typo,
                List.of("dht", "find-peer", ids.get(1).toString(), "--bootstrap", "/ip4/127.0.0.1/tcpx/1"), "tcpx",
                List.of("dht", "find-peer", ids.get(1).toString(), "--bootstrap", addrs.get(0)), "/p2p/<peer id>",
                List.of("dht", "find-peer", ids.get(1).toString()), "--bootstrap",
                List.of("dht", "closest", cidTypo, "--bootstrap", bootstrap), cidTypo,
                List.of("dht", "closest", "", "--bootstrap", bootstrap), "key is empty",
                List.of("dht", "find-providers", "x", "--max", "0", "--bootstrap", bootstrap), "--max",
                List.of("dht", "closest", "x", "--timeout", "0", "--bootstrap", bootstrap), "--timeout",
                List.of("node", "--dht", "bogus"), "'--dht'");
        Map<List<String>, Child> started = new java.util.LinkedHashMap<>();
        for (List<String> command : cases.keySet()) {
            started.put(command, cli.start(command.toArray(String[]::new)));
        }
        for (var e : started.entrySet()) {
            List<String> command = e.getKey();
            Result r = e.getValue().result();
            String name = command.get(0).equals("dht") ? "dht " + command.get(1) : command.get(0);
            assertOneSentenceOnStderr(r, name);
            assertThat(r.exit()).as("%s", command).isEqualTo(CommandErrors.USAGE);
            assertThat(r.stderr()).as("%s", command).contains(cases.get(command));
        }
    }

    private static String closedPortAddr() throws Exception {
        return "/ip4/127.0.0.1/tcp/" + freePort() + "/p2p/" + Keys.generateEd25519().publicKey().peerId();
    }

    /** A loopback port nobody listens on now (the system just handed it out and it was closed again). */
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
