package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.SignedRecords;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET_VALUE over an in-memory network of request handlers: quorum, invalid answers, correction. */
class ValueOpsTest {
    private final Random random = new Random(11);
    private final SimulatedNetwork net = new SimulatedNetwork(300, 40, random);
    private final PeerId reader = net.peers.get(0);
    private final PrivateKey owner = Keys.generateEd25519();

    private ValueOps opsWithQuorum(int quorum) {
        return ops(quorum, net.handlerQuerierFor(reader));
    }

    private ValueOps ops(int quorum, PeerQuerier querier) {
        Lookup lookup = new Lookup(reader, net.tables.get(reader), querier, p -> { });
        return new ValueOps(lookup, querier, net.valuesOf(reader), new RecordValidator(), quorum);
    }

    private List<PeerId> closestTo(byte[] key, int n) {
        KadId target = KadId.ofKey(key);
        return net.peers.stream().filter(p -> !p.equals(reader))
                .sorted(Comparator.comparing(KadId::of, target.byDistance())).limit(n).toList();
    }

    private Optional<KadRecord> get(ValueOps ops, byte[] key) throws Exception {
        return ops.getValue(key).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aLookupEndsOnceTheQuorumAgreesAndNotBefore() throws Exception {
        KadRecord record = SignedRecords.create(owner, "profile", 1, new byte[] {1});
        closestTo(record.key(), RoutingTableConfig.K).forEach(p -> net.valuesOf(p).put(record));

        net.requests = 0;
        assertThat(get(opsWithQuorum(2), record.key())).isPresent();
        int withSmallQuorum = net.requests;

        net.valuesOf(reader).sweep(java.time.Instant.MAX);
        net.requests = 0;
        assertThat(get(opsWithQuorum(ValueOps.DEFAULT_QUORUM), record.key())).isPresent();
        int withDefaultQuorum = net.requests;

        assertThat(withSmallQuorum).isLessThan(withDefaultQuorum);
        assertThat(withDefaultQuorum).isGreaterThanOrEqualTo(ValueOps.DEFAULT_QUORUM);
    }

    @Test
    void theHighestSequenceWinsInvalidAnswersAreIgnoredAndStalePeersAreCorrected() throws Exception {
        KadRecord old = SignedRecords.create(owner, "relays", 1, new byte[] {1});
        KadRecord newer = SignedRecords.create(owner, "relays", 2, new byte[] {2});
        List<PeerId> closest = closestTo(old.key(), 6);
        closest.forEach(p -> net.valuesOf(p).put(old));
        net.valuesOf(closest.get(5)).put(newer);
        // One peer answers with a record whose signature does not cover it: a forged sequence 3.
        KadRecord forged = new KadRecord(newer.key(),
                SignedRecords.create(owner, "relays", 3, new byte[] {3}).value().clone(), "");
        byte[] tampered = forged.value();
        tampered[tampered.length - 1] ^= 1;
        PeerQuerier honest = net.handlerQuerierFor(reader);
        PeerQuerier withLiar = (peer, request) -> peer.equals(closest.get(1))
                ? honest.ask(peer, request).thenApply(a -> a.withRecord(new KadRecord(forged.key(), tampered, "")))
                : honest.ask(peer, request);

        Optional<KadRecord> best = get(ops(ValueOps.DEFAULT_QUORUM, withLiar), old.key());

        assertThat(best.map(KadRecord::value)).contains(newer.value());
        // Correction runs after the answer; the in-memory handlers complete at once. The liar's
        // answer was discarded whole, so it is not among the peers corrected.
        assertThat(closest.stream().filter(p -> !p.equals(closest.get(1)))).allSatisfy(p ->
                assertThat(net.valuesOf(p).get(old.key()).map(KadRecord::value)).contains(newer.value()));
        assertThat(net.valuesOf(reader).get(old.key()).map(KadRecord::value)).contains(newer.value());
    }

    @Test
    void nothingStoredAnywhereYieldsEmpty() throws Exception {
        assertThat(get(opsWithQuorum(ValueOps.DEFAULT_QUORUM),
                SignedRecords.create(owner, "nothing", 1, new byte[0]).key())).isEmpty();
    }
}
