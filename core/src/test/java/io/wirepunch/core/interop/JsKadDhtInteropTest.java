package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Cid;
import io.wirepunch.core.multiformats.Multihash;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import io.wirepunch.core.protocol.kad.records.RecordKeys;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Our DHT and js-libp2p's kad-dht in one network on loopback: three js servers joined through js0,
 * three of ours joined through ours0, and a single link between ours0 and js0. Each side then finds
 * peers, provider records and values that only the other side knew. Our client node (in no routing
 * table, so it holds no records) shows that our searches read js's answers.
 *
 * <p>The tests run in order on one network: the peer-finding tests need peers that have not met
 * yet, and the later tests connect everyone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class JsKadDhtInteropTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    // Every node shares 127.0.0.0/24, so the per-network diversity limit would keep most of them out.
    private static final RoutingTableConfig CONFIG =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);
    private static final int SERVERS_PER_SIDE = 3;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The CID codec of raw bytes, which js uses for provider keys it builds itself. */
    private static final int RAW_CODEC = 0x55;

    private final List<JsPeer> js = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Dht> ours = new ArrayList<>();
    private Node clientNode;
    private Dht ourClient;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Random random = new Random(3);

    @BeforeAll
    void buildNetwork() throws Exception {
        List<CompletableFuture<JsPeer>> starting = new ArrayList<>();
        for (int i = 0; i < SERVERS_PER_SIDE; i++) {
            String name = "js" + i;
            starting.add(CompletableFuture.supplyAsync(() -> JsPeer.builder().name(name).dht("server").start()));
        }
        Node ours0 = startNode(Keys.generateEd25519());
        for (CompletableFuture<JsPeer> s : starting) {
            JsPeer peer = s.get(JsPeer.DEFAULT_START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            toClose.add(peer);
            js.add(peer);
        }
        nodes.add(ours0);
        nodes.add(startNode(soughtByJsKey(ours0.host().peerId())));
        nodes.add(startNode(Keys.generateEd25519()));
        for (Node node : nodes) {
            ours.add(dhtOf(node, Dht.Mode.SERVER));
        }
        clientNode = startNode(Keys.generateEd25519());
        ourClient = dhtOf(clientNode, Dht.Mode.CLIENT);

        // Two separate DHTs first: each side's nodes join through its node 0.
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (JsPeer joiner : List.of(js.get(1), js.get(2))) {
            joins.add(CompletableFuture.runAsync(() -> joiner.dhtBootstrap(js.get(0).addr())));
        }
        for (Dht joiner : List.of(ours.get(1), ours.get(2), ourClient)) {
            joins.add(joiner.bootstrap(List.of(addr(ours0))).toCompletableFuture());
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> ours.get(0).table().size() == SERVERS_PER_SIDE - 1);
        await().atMost(WAIT).until(() -> js.get(0).routingTable().size() == SERVERS_PER_SIDE - 1);
        // Then the one link between them; each side admits the other on identify plus a ping.
        get(ours0.host().connect(Multiaddr.parse(js.get(0).addr())));
    }

    /**
     * A key for ours1 such that ours0 is closer to it (in DHT distance) than any js server is. A js
     * lookup only follows peers closer to the target than the peer that named them, so js1 looking
     * for ours1 through js0 then always goes on to ours0, which knows ours1, whatever the random ids.
     */
    private PrivateKey soughtByJsKey(PeerId ours0) {
        KadId bridge = KadId.of(ours0);
        while (true) {
            PrivateKey candidate = Keys.generateEd25519();
            KadId target = KadId.of(candidate.publicKey().peerId());
            if (jsIds().stream().allMatch(j -> target.compareDistance(bridge, KadId.of(j)) < 0)) {
                return candidate;
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Node startNode(PrivateKey identity) throws Exception {
        Node node = new Node(HostConfig.of(identity, List.of(LOOPBACK)), false);
        get(node.start());
        toClose.add(() -> get(node.stop()));
        return node;
    }

    private Dht dhtOf(Node node, Dht.Mode mode) {
        Dht dht = new Dht(node.host(), new KadClient(KadProtocol.ID, KadProtocol.REQUEST_TIMEOUT), CONFIG,
                Clock.systemUTC());
        dht.setMode(mode);
        toClose.add(() -> get(dht.stop()));
        return dht;
    }

    @Test
    @Order(1)
    void eachRoutingTableAdmitsThePeerOfTheOtherImplementation() {
        PeerId js0 = jsId(0);
        await().atMost(WAIT).until(() -> ours.get(0).table().find(js0).isPresent());
        js.get(0).awaitEvent("dht:peer:add", e -> ourId(0).toBase58().equals(e.get("peer")), WAIT);
        assertThat(js.get(0).routingTable()).contains(ourId(0).toBase58());
        assertThat(ours.get(0).table().find(js0).orElseThrow().addresses())
                .contains(Multiaddr.parse(js.get(0).addr()).withoutPeerId());

        // Only the link's ends know the other side; our client is in no table.
        for (int i = 1; i < SERVERS_PER_SIDE; i++) {
            assertThat(ours.get(i).table().peers()).extracting(PeerEntry::peerId).doesNotContainAnyElementsOf(jsIds())
                    .doesNotContain(clientNode.host().peerId());
            assertThat(js.get(i).routingTable()).doesNotContainAnyElementsOf(base58(ourIds()));
        }
    }

    @Test
    @Order(2)
    void ourNodeFindsAJsPeerItNeverConnectedTo() throws Exception {
        PeerId sought = jsId(2);
        Node seeker = nodes.get(2);
        assertThat(seeker.host().connections().get(sought)).isEmpty();
        assertThat(seeker.host().peerstore().addrs(sought)).isEmpty();

        LookupResult result = get(ours.get(2).findPeer(sought));

        assertThat(result.target()).as("lookup from ours2 for js2").isPresent();
        Multiaddr listening = Multiaddr.parse(js.get(2).addr()).withoutPeerId();
        assertThat(result.target().get().addrs()).extracting(Multiaddr::withoutPeerId).contains(listening);
        // The address the DHT gave is one we can dial, and it leads to the peer sought.
        assertThat(get(seeker.host().connect(listening.withPeerId(sought))).remotePeer()).isEqualTo(sought);
    }

    @Test
    @Order(3)
    void jsNodeFindsOneOfOursItNeverConnectedTo() {
        PeerId sought = ourId(1);
        JsPeer seeker = js.get(1);
        assertThat(seeker.connections()).extracting(c -> c.string("remotePeer")).doesNotContain(sought.toBase58());

        JsonMap found = seeker.findPeer(sought.toBase58());

        assertThat(found.string("peer")).isEqualTo(sought.toBase58());
        Multiaddr listening = nodes.get(1).host().listenAddrs().get(0);
        assertThat(found.strings("addrs")).contains(listening.toString());
        // Only our nodes knew ours1, so one of them told js.
        assertThat(found.string("from")).isIn(base58(ourIds()));
        assertThat(seeker.dial(listening.withPeerId(sought).toString()).string("peer")).isEqualTo(sought.toBase58());
    }

    @Test
    @Order(4)
    void closestPeersFromEitherSideSpanBothImplementations() throws Exception {
        byte[] key = randomBytes(32);
        List<PeerId> fromOurs = get(ours.get(1).closestPeers(key)).closest().stream().map(KadPeer::id).toList();
        assertThat(fromOurs).containsAll(jsIds()).contains(ourId(0), ourId(2));

        // js follows only peers closer to the key than the peer naming them, so with random ids a
        // small network is only fully covered from a full routing table.
        knowsEveryServer(js.get(2));
        List<String> fromJs = js.get(2).closestPeers(key);
        assertThat(fromJs).containsAll(base58(ourIds())).contains(js.get(0).peerId(), js.get(1).peerId());
    }

    @Test
    @Order(5)
    void providerAnnouncedByJsIsFoundByOurClient() throws Exception {
        Cid cid = randomCid();
        byte[] key = cid.multihash().toBytes();
        PeerId provider = jsId(1);
        Multiaddr providerAddr = Multiaddr.parse(js.get(1).addr()).withoutPeerId();
        knowsEveryServer(js.get(1));

        List<String> sentTo = js.get(1).provide(cid.toString());

        assertThat(sentTo).containsAll(base58(ourIds())).contains(js.get(0).peerId(), js.get(2).peerId());
        // Our request handler took js's ADD_PROVIDER, addresses included.
        for (Dht dht : ours) {
            await().atMost(WAIT).until(() -> !withId(dht.providers().providers(key), provider).isEmpty());
            assertThat(withId(dht.providers().providers(key), provider).get(0).addrs())
                    .extracting(Multiaddr::withoutPeerId).contains(providerAddr);
        }
        // Our client holds nothing and finds the record along a lookup.
        assertThat(ourClient.providers().providers(key)).isEmpty();
        assertThat(get(ourClient.findProviders(key, 1))).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(provider);
            assertThat(p.addrs()).extracting(Multiaddr::withoutPeerId).contains(providerAddr);
        });
    }

    @Test
    @Order(6)
    void providerAnnouncedByOursIsStoredByJs() throws Exception {
        Cid cid = randomCid();
        Node provider = nodes.get(2);
        String providerId = provider.host().peerId().toBase58();

        int sent = get(ours.get(2).provide(cid.multihash().toBytes()));

        assertThat(sent).as("every other server took our ADD_PROVIDER").isEqualTo(2 * SERVERS_PER_SIDE - 1);
        for (JsPeer server : js) {
            await().atMost(WAIT).until(() -> server.localProviders(cid.toString()).stream()
                    .anyMatch(p -> p.string("peer").equals(providerId)));
            assertThat(server.localProviders(cid.toString())).filteredOn(p -> p.string("peer").equals(providerId))
                    .singleElement().satisfies(p -> assertThat(p.strings("addrs"))
                            .contains(provider.host().listenAddrs().get(0).toString()));
        }
    }

    @Test
    @Order(7)
    void providerHeldOnlyByJsIsFoundByOurClient() throws Exception {
        Node provider = nodes.get(2);
        Cid cid = announcedDirectly(provider, List.of(jsId(0), jsId(1)));
        for (JsPeer holder : js.subList(0, 2)) {
            await().atMost(WAIT).until(() -> !holder.localProviders(cid.toString()).isEmpty());
        }

        List<KadPeer> found = get(ourClient.findProviders(cid.multihash().toBytes(), 1));

        // Only js held it, so our lookup read js's GET_PROVIDERS answers.
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(provider.host().peerId());
            assertThat(p.addrs()).contains(provider.host().listenAddrs().get(0));
        });
    }

    @Test
    @Order(8)
    void providerHeldOnlyByOurNodesIsFoundByJs() throws Exception {
        Node provider = nodes.get(2);
        Cid cid = announcedDirectly(provider, List.of(ourId(0), ourId(1)));
        for (Dht holder : ours.subList(0, 2)) {
            await().atMost(WAIT).until(() -> !holder.providers().providers(cid.multihash().toBytes()).isEmpty());
        }
        knowsEveryServer(js.get(2));

        List<JsonMap> found = js.get(2).findProviders(cid.toString(), 1);

        // Only our nodes held it, so js read our GET_PROVIDERS answer.
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.string("peer")).isEqualTo(provider.host().peerId().toBase58());
            assertThat(p.strings("addrs")).contains(provider.host().listenAddrs().get(0).toString());
            assertThat(p.string("from")).isIn(ourId(0).toBase58(), ourId(1).toBase58());
        });
    }

    @Test
    @Order(9)
    void publicKeyRecordPutByJsIsFoundByOurClient() throws Exception {
        PublicKey key = unusedKey();
        byte[] recordKey = RecordKeys.pk(key.peerId());
        knowsEveryServer(js.get(1));

        JsonMap put = js.get(1).putValue(recordKey, key.marshal());

        assertThat(put.maps("errors")).isEmpty();
        assertThat(put.strings("storedBy")).as("our servers echoed js's PUT_VALUE").containsAll(base58(ourIds()));
        assertThat(get(ourClient.getValue(recordKey))).map(KadRecord::value).contains(key.marshal());
    }

    @Test
    @Order(10)
    void publicKeyRecordPutByOursIsStoredAndServedByJs() throws Exception {
        PublicKey key = unusedKey();
        byte[] recordKey = RecordKeys.pk(key.peerId());

        int stored = get(ours.get(2).putValue(new KadRecord(recordKey, key.marshal(), "")));

        assertThat(stored).as("every other server echoed our PUT_VALUE").isEqualTo(2 * SERVERS_PER_SIDE - 1);
        knowsEveryServer(js.get(2));
        JsonMap got = js.get(2).getValue(recordKey);
        assertThat(Base64.getDecoder().decode(got.string("value"))).isEqualTo(key.marshal());
        assertThat(got.strings("answeredWithRecord")).contains(js.get(0).peerId(), js.get(1).peerId());
    }

    @Test
    @Order(11)
    void publicKeyRecordHeldOnlyByJsIsFoundByOurClient() throws Exception {
        PublicKey key = unusedKey();
        KadRecord record = new KadRecord(RecordKeys.pk(key.peerId()), key.marshal(), "");
        KadMessage echoed = get(new KadClient().request(nodes.get(2).host(), jsId(0), KadMessage.putValue(record)));
        assertThat(echoed.record()).map(KadRecord::value).contains(key.marshal());

        Optional<KadRecord> found = get(ourClient.getValue(record.key()));

        assertThat(found).map(KadRecord::value).contains(key.marshal());
    }

    @Test
    @Order(12)
    void publicKeyRecordHeldOnlyByOurNodesIsFoundByJs() throws Exception {
        PublicKey key = unusedKey();
        KadRecord record = new KadRecord(RecordKeys.pk(key.peerId()), key.marshal(), "");
        get(new KadClient().request(nodes.get(2).host(), ourId(0), KadMessage.putValue(record)));
        knowsEveryServer(js.get(2));

        JsonMap got = js.get(2).getValue(record.key());

        assertThat(Base64.getDecoder().decode(got.string("value"))).isEqualTo(key.marshal());
        assertThat(got.strings("answeredWithRecord")).containsExactly(ourId(0).toBase58());
    }

    /**
     * A peer asked FIND_NODE for its own id answers with itself (js and go both do), so a lookup
     * that reaches the peer sought ends there. Ours answers from its routing table alone, which
     * never holds itself: a node known to a single js peer cannot be found by it.
     */
    @Test
    @Order(13)
    void jsFindsOurNodeThatOnlyItKnowsByAskingTheNodeItself() throws Exception {
        Node loner = startNode(Keys.generateEd25519());
        dhtOf(loner, Dht.Mode.SERVER);
        JsPeer seeker = js.get(2);
        String lonerId = loner.host().peerId().toBase58();
        get(loner.host().connect(Multiaddr.parse(seeker.addr())));
        await().atMost(WAIT).until(() -> seeker.routingTable().contains(lonerId));

        JsonMap found = seeker.findPeer(lonerId);

        assertThat(found.string("from")).isEqualTo(lonerId);
        assertThat(found.strings("addrs")).contains(loner.host().listenAddrs().get(0).toString());
    }

    /**
     * A peer asked FIND_NODE for a peer it is connected to but does not keep in its routing table
     * (a DHT client, as a node behind a NAT is) names it with the addresses it knows; js and go both
     * do. Ours answers from its routing table alone, so a client known only to our node stays hidden.
     */
    @Test
    @Order(14)
    void jsFindsAClientConnectedOnlyToOurNode() throws Exception {
        Node client = startNode(Keys.generateEd25519());
        dhtOf(client, Dht.Mode.CLIENT);
        String clientId = client.host().peerId().toBase58();
        get(client.host().connect(addr(nodes.get(1))));
        await().atMost(WAIT).until(() -> !nodes.get(1).host().peerstore().addrs(client.host().peerId()).isEmpty());
        JsPeer seeker = js.get(2);
        knowsEveryServer(seeker);

        JsonMap found = seeker.findPeer(clientId);

        assertThat(found.string("from")).isEqualTo(ourId(1).toBase58());
        assertThat(found.strings("addrs")).contains(client.host().listenAddrs().get(0).toString());
    }

    /** A fresh CID that {@code provider} announces (ADD_PROVIDER) to exactly these peers, not along a lookup. */
    private Cid announcedDirectly(Node provider, List<PeerId> to) throws Exception {
        Cid cid = randomCid();
        KadPeer self = new KadPeer(provider.host().peerId(), provider.host().listenAddrs());
        for (PeerId peer : to) {
            get(new KadClient().send(provider.host(), peer, KadMessage.addProvider(cid.multihash().toBytes(), self)));
        }
        return cid;
    }

    /**
     * Puts every other server into the js peer's routing table. Meeting a peer normally does that
     * (identify shows the protocol, a ping admits it), but a ping lost to a loaded machine is not
     * retried while the connection stays up; offering the peer again is.
     */
    private void knowsEveryServer(JsPeer peer) {
        Map<String, String> servers = new LinkedHashMap<>();
        nodes.forEach(n -> servers.put(n.host().peerId().toBase58(), addr(n).toString()));
        js.stream().filter(p -> p != peer).forEach(p -> servers.put(p.peerId(), p.addr()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<String> table = peer.routingTable();
            servers.forEach((id, addr) -> {
                if (!table.contains(id)) {
                    peer.dial(addr);
                    peer.tableAdd(id);
                }
            });
            return peer.routingTable().containsAll(servers.keySet());
        });
    }

    /** A key no node uses, so only a record put in the test can answer for it (js also answers /pk/ from its peer store). */
    private static PublicKey unusedKey() {
        return Keys.generateEd25519().publicKey();
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private PeerId ourId(int i) {
        return nodes.get(i).host().peerId();
    }

    private List<PeerId> ourIds() {
        return nodes.stream().map(n -> n.host().peerId()).toList();
    }

    private PeerId jsId(int i) {
        return PeerId.parse(js.get(i).peerId());
    }

    private List<PeerId> jsIds() {
        return js.stream().map(p -> PeerId.parse(p.peerId())).toList();
    }

    private static List<String> base58(List<PeerId> ids) {
        return ids.stream().map(PeerId::toBase58).toList();
    }

    private static List<KadPeer> withId(List<KadPeer> peers, PeerId id) {
        return peers.stream().filter(p -> p.id().equals(id)).toList();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A CIDv1 of raw content, as js builds for the data it provides. */
    private Cid randomCid() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(randomBytes(64));
        return Cid.of(RAW_CODEC, Multihash.of(Multihash.SHA2_256, digest));
    }
}
