package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider and value records over loopback TCP: six servers, and client-mode nodes that only know servers. */
class DhtRecordsLoopbackTest {
    private static final int SERVERS = 6;
    private static final byte[] KEY = "a content key".getBytes(StandardCharsets.US_ASCII);

    private final LoopbackDhts net = new LoopbackDhts();

    @AfterEach
    void stop() throws Exception {
        net.close();
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A client-mode node joined through server {@code via}: no server ever puts it in its table. */
    private Dht client(int via) throws Exception {
        Dht dht = net.start(Dht.Mode.CLIENT);
        get(dht.bootstrap(net.addrsOf(via)));
        return dht;
    }

    private Dht writer;
    private Dht reader;
    private final PrivateKey owner = Keys.generateEd25519();

    /** The servers, and two client-mode nodes joined through different servers. */
    private void startServersWriterAndReader() throws Exception {
        net.startServers(SERVERS);
        writer = client(1);
        reader = client(4);
    }

    private PeerId peerOf(Dht dht) {
        return net.node(net.dhts.indexOf(dht)).host().peerId();
    }

    private long serversHoldingProvider(PeerId provider) {
        return net.dhts.subList(0, SERVERS).stream()
                .filter(d -> d.providers().providers(KEY).stream().anyMatch(p -> p.id().equals(provider))).count();
    }

    @Test
    void aProviderIsFoundByANodeThatNeverHeardOfIt() throws Exception {
        net.startServers(SERVERS);
        Dht provider = client(1);
        Dht seeker = client(4);
        PeerId providerId = peerOf(provider);
        var seekerHost = net.node(net.dhts.indexOf(seeker)).host();
        assertThat(seeker.table().find(providerId)).isEmpty();
        assertThat(seekerHost.connections().get(providerId)).isEmpty();
        assertThat(seekerHost.peerstore().addrs(providerId)).isEmpty();

        int sentTo = get(provider.provide(KEY));
        assertThat(sentTo).isBetween(1, SERVERS);
        await().atMost(Duration.ofSeconds(10)).until(() -> serversHoldingProvider(providerId) == sentTo);

        List<KadPeer> found = get(seeker.findProviders(KEY, 5));
        assertThat(found).extracting(KadPeer::id).containsExactly(providerId);
        assertThat(found.get(0).addrs()).containsAll(net.node(net.dhts.indexOf(provider)).host().listenAddrs());
        assertThat(seekerHost.peerstore().addrs(providerId)).containsAll(found.get(0).addrs());
        // The addresses remembered are enough to reach the provider by id alone.
        assertThat(get(seekerHost.connect(providerId)).remotePeer()).isEqualTo(providerId);
        // The provider finds itself in its own store without asking anyone.
        assertThat(get(provider.findProviders(KEY, 1))).extracting(KadPeer::id).containsExactly(providerId);
    }

    @Test
    void findProvidersEndsWithNothingWhenNobodyProvides() throws Exception {
        net.startServers(3);
        assertThat(get(net.dhts.get(2).findProviders(KEY, 3))).isEmpty();
    }

    @Test
    void provideFailsWhenNoPeerIsKnown() throws Exception {
        Dht alone = net.start(Dht.Mode.SERVER);
        assertThatThrownBy(() -> get(alone.provide(KEY))).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("no peer");
        assertThatThrownBy(() -> alone.findProviders(KEY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alone.provide(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedRecordPutByOneNodeIsReadByAnother() throws Exception {
        startServersWriterAndReader();
        KadRecord record = SignedRecords.create(owner, "profile", 1, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(get(writer.putValue(record))).isEqualTo(SERVERS);
        Optional<KadRecord> read = get(reader.getValue(record.key()));

        assertThat(read).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(record.value()));
        assertThat(get(reader.getValue(SignedRecords.create(owner, "other", 1, new byte[0]).key()))).isEmpty();
    }

    @Test
    void theHigherSequenceWinsAndPeersHoldingTheOlderOneAreCorrected() throws Exception {
        startServersWriterAndReader();
        KadRecord first = SignedRecords.create(owner, "relays", 1, new byte[] {1});
        KadRecord second = SignedRecords.create(owner, "relays", 2, new byte[] {2});
        get(writer.putValue(first));
        // Only one server learns of the newer record; the others still hold the first.
        assertThat(net.dhts.get(3).values().put(second).outcome().accepted()).isTrue();

        Optional<KadRecord> read = get(reader.getValue(second.key()));

        assertThat(read.map(KadRecord::value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(second.value()));
        await().atMost(Duration.ofSeconds(10)).until(() -> net.dhts.subList(0, SERVERS).stream().allMatch(d ->
                d.values().get(second.key()).filter(r -> Arrays.equals(r.value(), second.value())).isPresent()));
        // The reader kept the newer record, so putting the older one from there is refused.
        assertThatThrownBy(() -> get(reader.putValue(first))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidRecordIsRefusedLocallyAndByPeers() throws Exception {
        net.startServers(3);
        Dht writer = net.dhts.get(1);
        KadRecord good = SignedRecords.create(Keys.generateEd25519(), "relays", 1, new byte[] {1});
        KadRecord forged = new KadRecord(good.key(), new byte[] {9, 9, 9}, "");

        assertThatThrownBy(() -> get(writer.putValue(forged))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid record");
        // Sent straight to a server, the forged record resets the stream and is not kept.
        KadClient client = new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT);
        var host = net.node(1).host();
        assertThatThrownBy(() -> get(client.request(host, net.node(2).host().peerId(), KadMessage.putValue(forged))))
                .isInstanceOf(ExecutionException.class);
        assertThat(net.dhts).allSatisfy(d -> assertThat(d.values().get(good.key())).isEmpty());
    }

    @Test
    void anAddProviderNamingAnotherPeerIsIgnored() throws Exception {
        net.startServers(3);
        var sender = net.node(1).host();
        PeerId receiver = net.node(2).host().peerId();
        KadPeer someoneElse = new KadPeer(net.node(0).host().peerId(), net.node(0).host().listenAddrs());
        KadClient client = new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT);

        get(client.send(sender, receiver, KadMessage.addProvider(KEY, someoneElse)));
        get(client.send(sender, receiver, KadMessage.addProvider(KEY, new KadPeer(sender.peerId(), sender.listenAddrs()))));

        // The honest announcement, sent second, arrives; the one naming someone else left no trace.
        await().atMost(Duration.ofSeconds(10)).until(() -> !net.dhts.get(2).providers().providers(KEY).isEmpty());
        assertThat(net.dhts.get(2).providers().providers(KEY)).extracting(KadPeer::id).containsExactly(sender.peerId());
    }
}
