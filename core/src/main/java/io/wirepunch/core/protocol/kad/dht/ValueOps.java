package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Value routing: PUT_VALUE to the k peers closest to a record's key, and GET_VALUE along a lookup
 * that keeps the validator's best record and, once done, sends it to the peers that answered
 * with a worse one (the spec's entry correction).
 */
final class ValueOps {
    /**
     * Answers holding the same best record (ours included) after which a GET_VALUE lookup ends:
     * js-libp2p's and go-libp2p's default quorum.
     */
    static final int DEFAULT_QUORUM = 16;

    private static final Logger log = LoggerFactory.getLogger(ValueOps.class);

    private final Lookup lookup;
    private final PeerQuerier querier;
    private final ValueStore values;
    private final RecordValidator validator;
    private final int quorum;

    ValueOps(Lookup lookup, PeerQuerier querier, ValueStore values, RecordValidator validator, int quorum) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be positive, got " + quorum);
        }
        this.lookup = lookup;
        this.querier = querier;
        this.values = values;
        this.validator = validator;
        this.quorum = quorum;
    }

    CompletionStage<Integer> putValue(KadRecord record) {
        ValueStore.PutResult local = values.put(record);
        switch (local.outcome()) {
            case INVALID -> {
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException("invalid record: " + local.validation().detail()));
            }
            case STALE -> {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "a record with a higher sequence number is already stored under this key"));
            }
            default -> {
                // Stored, refreshed, or our own store is full: the network may still keep it.
            }
        }
        KadRecord clean = new KadRecord(record.key(), record.value(), "");
        return lookup.closestPeers(clean.key()).thenCompose(result -> storeAt(result.closest(), clean));
    }

    /** Completes with how many of {@code peers} echoed the record back. */
    private CompletionStage<Integer> storeAt(List<KadPeer> peers, KadRecord record) {
        List<CompletableFuture<Boolean>> puts = peers.stream()
                .map(peer -> querier.ask(peer.id(), KadMessage.putValue(record)).toCompletableFuture()
                        .handle((answer, error) -> error == null && echoes(answer, record)))
                .toList();
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
                .thenApply(all -> (int) puts.stream().filter(CompletableFuture::join).count());
    }

    private static boolean echoes(KadMessage answer, KadRecord record) {
        return answer.record().filter(r -> Arrays.equals(r.key(), record.key())
                && Arrays.equals(r.value(), record.value())).isPresent();
    }

    CompletionStage<Optional<KadRecord>> getValue(byte[] key) {
        byte[] k = key.clone();
        Best best = new Best(k, values.get(k));
        if (best.agreeing() >= quorum) {
            return CompletableFuture.completedFuture(best.record());
        }
        return lookup.run(KadMessage.Type.GET_VALUE, k, (from, answer) -> best.offer(from, answer))
                .thenApply(result -> {
                    correct(best);
                    return best.record();
                });
    }

    /** Sends the best record to the peers that answered a worse one, and keeps it ourselves. */
    private void correct(Best best) {
        Optional<KadRecord> winner = best.record();
        if (winner.isEmpty()) {
            return;
        }
        if (!best.heldLocally()) {
            values.put(winner.get());
        }
        for (PeerId stale : best.outdated()) {
            querier.ask(stale, KadMessage.putValue(winner.get())).whenComplete((answer, error) -> {
                if (error != null) {
                    log.debug("could not correct the record {} held: {}", stale, error.toString());
                }
            });
        }
    }

    /** The best record seen so far, who holds it and who holds a worse one. Thread-safe. */
    private final class Best {
        private final byte[] key;
        private KadRecord record;
        private boolean heldLocally;
        private final Set<PeerId> holders = new HashSet<>();
        private final Set<PeerId> outdated = new HashSet<>();

        Best(byte[] key, Optional<KadRecord> local) {
            this.key = key;
            this.record = local.orElse(null);
            this.heldLocally = local.isPresent();
        }

        /** Takes one GET_VALUE answer; true once enough answers agree on the best record. */
        synchronized boolean offer(PeerId from, KadMessage answer) {
            Optional<KadRecord> offered = answer.record();
            if (offered.isEmpty()) {
                return false;
            }
            KadRecord candidate = offered.get();
            if (!Arrays.equals(candidate.key(), key) || !validator.validate(candidate).isValid()) {
                log.debug("{} answered GET_VALUE with an invalid record", from);
                return false;
            }
            candidate = new KadRecord(candidate.key(), candidate.value(), "");
            if (record == null || Arrays.equals(record.value(), candidate.value())) {
                record = candidate;
                holders.add(from);
            } else if (validator.select(List.of(record, candidate)).orElseThrow() == candidate) {
                outdated.addAll(holders);
                holders.clear();
                holders.add(from);
                heldLocally = false;
                record = candidate;
            } else {
                outdated.add(from);
            }
            return agreeing() >= quorum;
        }

        synchronized int agreeing() {
            return holders.size() + (heldLocally ? 1 : 0);
        }

        synchronized Optional<KadRecord> record() {
            return Optional.ofNullable(record);
        }

        synchronized boolean heldLocally() {
            return heldLocally;
        }

        synchronized List<PeerId> outdated() {
            return new ArrayList<>(outdated);
        }
    }
}
