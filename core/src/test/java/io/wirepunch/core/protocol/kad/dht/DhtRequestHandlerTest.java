package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.SignedRecords;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DhtRequestHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int BURST = 5;
    private static final byte[] KEY = "some-cid".getBytes(StandardCharsets.US_ASCII);

    private final Random random = new Random(7);
    private final PeerId local = SimulatedNetwork.randomPeer(random);
    private final RoutingTable table = new RoutingTable(KadId.of(local),
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK),
            peer -> CompletableFuture.completedFuture(true), CLOCK);
    private final Peerstore peerstore = new Peerstore(CLOCK);
    private final ProviderStore providers = new ProviderStore(CLOCK);
    private final ValueStore values = new ValueStore(CLOCK, new RecordValidator());
    // The clock never moves, so the bucket never refills: request BURST + 1 is over the limit.
    private final InboundQueryLimiter limiter = new InboundQueryLimiter(CLOCK, 1, BURST, 100);
    private final DhtRequestHandler handler = new DhtRequestHandler(table, peerstore, providers, values, limiter);
    private final List<PeerId> known = new ArrayList<>();

    DhtRequestHandlerTest() {
        for (int i = 0; i < 200; i++) {
            PeerId peer = SimulatedNetwork.randomPeer(random);
            known.add(peer);
            table.peerAnsweredQuery(peer, List.of(addr(i)));
        }
    }

    private static Multiaddr addr(int i) {
        return Multiaddr.parse("/ip4/10.0." + (i / 250) + "." + (i % 250 + 1) + "/tcp/4001");
    }

    private KadMessage ask(PeerId from, KadMessage request) {
        return handler.handle(from, request).toCompletableFuture().join().orElseThrow();
    }

    private List<PeerId> expectedClosest(byte[] key, PeerId excluded) {
        KadId target = KadId.ofKey(key);
        return table.peers().stream().map(e -> e.peerId()).filter(p -> !p.equals(excluded))
                .sorted(Comparator.comparing(KadId::of, target.byDistance()))
                .limit(RoutingTableConfig.K).toList();
    }

    private DhtRequestHandler handlerNamingItself(Multiaddr ourAddr) {
        return new DhtRequestHandler(table, peerstore, providers, values, limiter,
                io.wirepunch.core.protocol.kad.workbits.WorkRequirement.NONE,
                Optional.of(() -> new KadPeer(local, List.of(ourAddr))));
    }

    @Test
    void aFindNodeForOurOwnIdNamesUsFirstWithOurAddresses() {
        Multiaddr ours = Multiaddr.parse("/ip4/10.9.9.9/tcp/4001");
        PeerId requester = SimulatedNetwork.randomPeer(random);
        KadMessage answer = handlerNamingItself(ours).handle(requester, KadMessage.of(KadMessage.Type.FIND_NODE,
                local.toBytes())).toCompletableFuture().join().orElseThrow();
        assertThat(answer.closerPeers().get(0)).isEqualTo(new KadPeer(local, List.of(ours)));
        assertThat(answer.closerPeers()).hasSize(RoutingTableConfig.K + 1);
    }

    @Test
    void aFindNodeForAPeerOutsideTheTableNamesItWhenThePeerstoreKnowsWhereItIs() {
        PeerId client = SimulatedNetwork.randomPeer(random);
        PeerId requester = known.get(0);
        KadMessage request = KadMessage.of(KadMessage.Type.FIND_NODE, client.toBytes());
        assertThat(ask(requester, request).closerPeers()).extracting(KadPeer::id).doesNotContain(client);

        Multiaddr clientAddr = Multiaddr.parse("/ip4/10.8.8.8/tcp/4001");
        peerstore.addAddrs(client, List.of(clientAddr), Peerstore.TEMP_ADDR_TTL);
        List<KadPeer> closer = ask(requester, request).closerPeers();
        assertThat(closer).hasSize(RoutingTableConfig.K + 1);
        assertThat(closer.get(closer.size() - 1)).isEqualTo(new KadPeer(client, List.of(clientAddr)));
        // Nobody is told about itself, and a peer already in the answer is not named twice.
        assertThat(ask(client, request).closerPeers()).extracting(KadPeer::id).doesNotContain(client);
        PeerId tablePeer = known.get(5);
        peerstore.addAddrs(tablePeer, List.of(clientAddr), Peerstore.TEMP_ADDR_TTL);
        assertThat(ask(requester, KadMessage.of(KadMessage.Type.FIND_NODE, tablePeer.toBytes())).closerPeers())
                .extracting(KadPeer::id).containsOnlyOnce(tablePeer);
    }

    @Test
    void findNodeAnswersTheKClosestWithAddressesButNotTheRequester() {
        PeerId target = known.get(3);
        PeerId requester = table.closest(KadId.of(target), 2).get(1).peerId();
        KadMessage answer = ask(requester, KadMessage.findNode(target));

        assertThat(answer.type()).isEqualTo(KadMessage.Type.FIND_NODE);
        assertThat(answer.closerPeers()).extracting(KadPeer::id)
                .containsExactlyElementsOf(expectedClosest(target.toBytes(), requester))
                .doesNotContain(requester)
                .contains(target);
        assertThat(answer.closerPeers()).allSatisfy(p -> assertThat(p.addrs()).hasSize(1));
    }

    @Test
    void getProvidersAnswersStoredProvidersAndCloserPeers() {
        PeerId provider = known.get(0);
        KadPeer announced = new KadPeer(provider, List.of(addr(0)));
        handler.handle(provider, KadMessage.addProvider(KEY, announced)).toCompletableFuture().join();

        KadMessage answer = ask(known.get(1), KadMessage.getProviders(KEY));
        assertThat(answer.providerPeers()).containsExactly(announced);
        assertThat(answer.closerPeers()).extracting(KadPeer::id)
                .containsExactlyElementsOf(expectedClosest(KEY, known.get(1)));
    }

    @Test
    void addProviderSendsNoAnswerAndIgnoresAProviderOtherThanTheSender() {
        KadPeer someoneElse = new KadPeer(known.get(5), List.of(addr(5)));
        Optional<KadMessage> answer = handler.handle(known.get(4), KadMessage.addProvider(KEY, someoneElse))
                .toCompletableFuture().join();
        assertThat(answer).isEmpty();
        assertThat(providers.providers(KEY)).isEmpty();
    }

    @Test
    void putThenGetValueRoundTripsAValidRecord() {
        PrivateKey owner = Keys.generateEd25519();
        KadRecord record = SignedRecords.create(owner, "relays", 1, new byte[] {1, 2});

        assertThat(ask(known.get(0), KadMessage.putValue(record)).record()).contains(record);
        KadMessage got = ask(known.get(1), KadMessage.getValue(record.key()));
        assertThat(got.record().map(KadRecord::value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(record.value()));
        assertThat(got.closerPeers()).hasSize(RoutingTableConfig.K);
    }

    @Test
    void putValueWithAnInvalidRecordFailsSoTheStreamIsReset() {
        PrivateKey owner = Keys.generateEd25519();
        KadRecord good = SignedRecords.create(owner, "relays", 1, new byte[] {1});
        KadRecord forged = new KadRecord(good.key(), new byte[] {9, 9, 9}, "");

        Assertions.assertThatThrownBy(() -> handler.handle(known.get(0), KadMessage.putValue(forged))
                .toCompletableFuture().join()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(KadException.class);
        assertThat(values.get(good.key())).isEmpty();
    }

    @Test
    void pingIsAnsweredWithPing() {
        assertThat(ask(known.get(0), KadMessage.ping())).isEqualTo(KadMessage.ping());
    }

    @Test
    void aPeerOverTheInboundLimitGetsAFailedStageNotAnAnswer() {
        PeerId flooder = known.get(9);
        for (int i = 0; i < BURST; i++) {
            assertThat(ask(flooder, KadMessage.ping())).isEqualTo(KadMessage.ping());
        }
        Assertions.assertThatThrownBy(() -> handler.handle(flooder, KadMessage.ping()).toCompletableFuture().join())
                .hasCauseInstanceOf(KadException.class);
        // Another peer still has its own budget.
        assertThat(ask(known.get(10), KadMessage.ping())).isEqualTo(KadMessage.ping());
    }

    @Test
    void aHandlerRequiringWorkResetsPeersWithoutItAndAnswersThoseWithIt() throws Exception {
        DhtRequestHandler strict = new DhtRequestHandler(table, peerstore, providers, values, limiter, DhtWorkBitsTest.WORK);
        PrivateKey worthy = DhtWorkBitsTest.worthyKey();
        PrivateKey unworthy = DhtWorkBitsTest.unworthyKey();

        assertThat(strict.handle(worthy.publicKey().peerId(), KadMessage.ping()).toCompletableFuture().join())
                .contains(KadMessage.ping());
        Assertions.assertThatThrownBy(() -> strict.handle(unworthy.publicKey().peerId(), KadMessage.ping())
                .toCompletableFuture().join()).hasCauseInstanceOf(KadException.class).hasMessageContaining("work bits");
        // A sha2-256 peer id inlines no key, so it cannot show work until a handshake gives us its key.
        Assertions.assertThatThrownBy(() -> strict.handle(known.get(0), KadMessage.ping()).toCompletableFuture().join())
                .hasCauseInstanceOf(KadException.class);
    }
}
