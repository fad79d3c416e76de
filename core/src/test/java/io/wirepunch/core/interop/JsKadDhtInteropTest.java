package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
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
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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
 * Our DHT and js-libp2p's kad-dht in one network on loopback: three js nodes joined through js0,
 * three of ours joined through ours0, and a single link between ours0 and js0. Each side then finds
 * peers and provider records that only the other side knew.
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
    private static final int NODES_PER_SIDE = 3;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The CID codec of raw bytes, which js uses for provider keys it builds itself. */
    private static final int RAW_CODEC = 0x55;

    private final List<JsPeer> js = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Dht> ours = new ArrayList<>();
    private final Random random = new Random(3);

    @BeforeAll
    void buildNetwork() throws Exception {
        List<CompletableFuture<JsPeer>> starting = new ArrayList<>();
        for (int i = 0; i < NODES_PER_SIDE; i++) {
            String name = "js" + i;
            starting.add(CompletableFuture.supplyAsync(() -> JsPeer.builder().name(name).dht("server").start()));
        }
        for (int i = 0; i < NODES_PER_SIDE; i++) {
            startOurs();
        }
        for (CompletableFuture<JsPeer> s : starting) {
            js.add(s.get(JsPeer.DEFAULT_START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
        }

        // Two separate DHTs first: js1, js2 through js0; ours1, ours2 through ours0.
        for (int i = 1; i < NODES_PER_SIDE; i++) {
            js.get(i).dhtBootstrap(js.get(0).addr());
            LookupResult joined = ours.get(i).bootstrap(List.of(addr(0))).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(joined.deadlineReached()).isFalse();
        }
        // Then the one link between them; each side admits the other on identify plus a ping.
        nodes.get(0).host().connect(Multiaddr.parse(js.get(0).addr())).toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        js.forEach(JsPeer::close);
        ours.forEach(Dht::stop);
        for (Node node : nodes) {
            node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void startOurs() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(node);
        Dht dht = new Dht(node.host(), new KadClient(KadProtocol.ID, KadProtocol.REQUEST_TIMEOUT), CONFIG,
                Clock.systemUTC());
        dht.setMode(Dht.Mode.SERVER);
        ours.add(dht);
    }

    @Test
    @Order(1)
    void eachRoutingTableAdmitsThePeerOfTheOtherImplementation() {
        PeerId js0 = jsId(0);
        await().atMost(WAIT).until(() -> ours.get(0).table().find(js0).isPresent());
        js.get(0).awaitEvent("dht:peer:add", e -> ourId(0).toBase58().equals(e.get("peer")), WAIT);
        await().atMost(WAIT).until(() -> js.get(0).routingTable().contains(ourId(0).toBase58()));
        assertThat(ours.get(0).table().find(js0).orElseThrow().addresses())
                .contains(Multiaddr.parse(js.get(0).addr()).withoutPeerId());

        // Only the link's ends know the other side.
        for (int i = 1; i < NODES_PER_SIDE; i++) {
            assertThat(ours.get(i).table().peers()).extracting(PeerEntry::peerId).doesNotContainAnyElementsOf(jsIds());
            assertThat(js.get(i).routingTable()).doesNotContainAnyElementsOf(ourIds().stream().map(PeerId::toBase58).toList());
        }
    }

    @Test
    @Order(2)
    void ourNodeFindsAJsPeerItNeverConnectedTo() throws Exception {
        PeerId sought = jsId(2);
        Dht seeker = ours.get(2);
        assertThat(nodes.get(2).host().connections().get(sought)).isEmpty();
        assertThat(nodes.get(2).host().peerstore().addrs(sought)).isEmpty();

        LookupResult result = seeker.findPeer(sought).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.target()).as("lookup from ours2 for js2").isPresent();
        Multiaddr listening = Multiaddr.parse(js.get(2).addr()).withoutPeerId();
        assertThat(result.target().get().addrs()).extracting(Multiaddr::withoutPeerId).contains(listening);
        // The address the DHT gave is one we can dial, and it leads to the peer sought.
        assertThat(nodes.get(2).host().connect(listening.withPeerId(sought)).toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS).remotePeer()).isEqualTo(sought);
    }

    @Test
    @Order(3)
    void jsNodeFindsOneOfOursItNeverConnectedTo() {
        PeerId sought = ourId(1);
        JsPeer seeker = js.get(1);
        assertThat(seeker.connections()).extracting(c -> c.string("remotePeer")).doesNotContain(sought.toBase58());

        JsonMap found = seeker.findPeer(sought.toBase58());

        assertThat(found.string("peer")).isEqualTo(sought.toBase58());
        assertThat(found.strings("addrs")).contains(nodes.get(1).host().listenAddrs().get(0).toString());
        // Only our nodes knew ours1, so one of them told js.
        assertThat(found.string("from")).isIn(ourIds().stream().map(PeerId::toBase58).toList());
        seeker.dial(nodes.get(1).host().listenAddrs().get(0).withPeerId(sought).toString());
    }

    @Test
    @Order(4)
    void closestPeersFromEitherSideSpanBothImplementations() throws Exception {
        byte[] key = randomBytes(32);
        List<PeerId> fromOurs = ours.get(1).closestPeers(key).toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS).closest().stream().map(KadPeer::id).toList();
        assertThat(fromOurs).containsAll(jsIds()).contains(ourId(0), ourId(2));

        List<String> fromJs = js.get(2).closestPeers(key);
        assertThat(fromJs).containsAll(ourIds().stream().map(PeerId::toBase58).toList())
                .contains(js.get(0).peerId(), js.get(1).peerId());
    }

    @Test
    @Order(5)
    void providerAnnouncedByJsIsStoredAndServedByOurNodes() throws Exception {
        Cid cid = randomCid();
        byte[] key = cid.multihash().toBytes();
        PeerId provider = jsId(1);
        Multiaddr providerAddr = Multiaddr.parse(js.get(1).addr()).withoutPeerId();

        List<String> sentTo = js.get(1).provide(cid.toString());

        List<Integer> oursReached = indicesIn(ourIds(), sentTo);
        assertThat(oursReached).as("js sent ADD_PROVIDER to some of ours: %s", sentTo).isNotEmpty();
        assertThat(sentTo).as("and to js0").contains(js.get(0).peerId());
        // Our request handler took js's ADD_PROVIDER, addresses included.
        for (int i : oursReached) {
            Dht dht = ours.get(i);
            await().atMost(WAIT).until(() -> !providersOf(dht.providers().providers(key), provider).isEmpty());
            assertThat(providersOf(dht.providers().providers(key), provider).get(0).addrs())
                    .extracting(Multiaddr::withoutPeerId).contains(providerAddr);
        }
        // js's GET_PROVIDERS answer reads back on our side.
        KadMessage fromJs = new KadClient().request(nodes.get(0).host(), jsId(0), KadMessage.getProviders(key))
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(providersOf(fromJs.providerPeers(), provider)).singleElement()
                .satisfies(p -> assertThat(p.addrs()).extracting(Multiaddr::withoutPeerId).contains(providerAddr));
    }

    @Test
    @Order(6)
    void providerRecordHeldOnlyByOurNodesIsFoundByJs() throws Exception {
        Cid cid = randomCid();
        byte[] key = cid.multihash().toBytes();
        Node provider = nodes.get(2);
        KadPeer self = new KadPeer(provider.host().peerId(), provider.host().listenAddrs());
        KadClient client = new KadClient();
        for (int i = 0; i < 2; i++) {
            client.send(provider.host(), ourId(i), KadMessage.addProvider(key, self)).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Dht holder = ours.get(i);
            await().atMost(WAIT).until(() -> !providersOf(holder.providers().providers(key), self.id()).isEmpty());
        }

        List<JsonMap> found = js.get(2).findProviders(cid.toString(), 1);

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.string("peer")).isEqualTo(provider.host().peerId().toBase58());
            assertThat(p.strings("addrs")).contains(provider.host().listenAddrs().get(0).toString());
            assertThat(p.string("from")).isIn(ourId(0).toBase58(), ourId(1).toBase58());
        });
    }

    @Test
    @Order(7)
    void publicKeyRecordPutByJsIsStoredAndServedByOurNodes() throws Exception {
        PublicKey key = Keys.generateEd25519().publicKey();
        byte[] recordKey = RecordKeys.pk(key.peerId());

        JsonMap put = js.get(1).putValue(recordKey, key.marshal());

        assertThat(put.maps("errors")).isEmpty();
        List<Integer> oursStoring = indicesIn(ourIds(), put.strings("storedBy"));
        assertThat(oursStoring).as("our nodes answered js's PUT_VALUE: %s", put).isNotEmpty();
        int holder = oursStoring.get(0);
        KadMessage answer = new KadClient()
                .request(nodes.get((holder + 1) % NODES_PER_SIDE).host(), ourId(holder), KadMessage.getValue(recordKey))
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.record()).isPresent();
        assertThat(answer.record().get().value()).isEqualTo(key.marshal());
    }

    @Test
    @Order(8)
    void publicKeyRecordPutByOursIsStoredAndServedByJs() throws Exception {
        // A key no node uses, so js can only answer from the record we stored (not from its peer store).
        PublicKey key = Keys.generateEd25519().publicKey();
        byte[] recordKey = RecordKeys.pk(key.peerId());
        KadRecord record = new KadRecord(recordKey, key.marshal(), "");
        KadMessage echoed = new KadClient().request(nodes.get(2).host(), jsId(0), KadMessage.putValue(record))
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(echoed.record()).map(KadRecord::value).contains(key.marshal());

        JsonMap got = js.get(2).getValue(recordKey);

        assertThat(Base64.getDecoder().decode(got.string("value"))).isEqualTo(key.marshal());
        assertThat(got.strings("answeredWithRecord")).contains(js.get(0).peerId());
    }

    private Multiaddr addr(int ourIndex) {
        Node node = nodes.get(ourIndex);
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private PeerId ourId(int i) {
        return nodes.get(i).host().peerId();
    }

    private List<PeerId> ourIds() {
        return nodes.stream().map(n -> n.host().peerId()).toList();
    }

    /** Positions in {@code ids} of the peers whose base58 form {@code named} lists. */
    private static List<Integer> indicesIn(List<PeerId> ids, List<String> named) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (named.contains(ids.get(i).toBase58())) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<KadPeer> providersOf(List<KadPeer> peers, PeerId provider) {
        return peers.stream().filter(p -> p.id().equals(provider)).toList();
    }

    private PeerId jsId(int i) {
        return PeerId.parse(js.get(i).peerId());
    }

    private List<PeerId> jsIds() {
        return js.stream().map(p -> PeerId.parse(p.peerId())).toList();
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
