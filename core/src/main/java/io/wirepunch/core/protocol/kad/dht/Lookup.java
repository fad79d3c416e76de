package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Iterative Kademlia lookup: asks the closest known peers for closer ones, {@link #ALPHA} at a
 * time, until the k closest peers it knows have all answered. A peer that fails or times out is
 * dropped from the candidates, so silent peers cost one request timeout, never the whole lookup.
 * The same walk serves FIND_NODE, GET_PROVIDERS and GET_VALUE: every answer's closer peers drive
 * it, and an {@link AnswerCollector} takes what else the answers carry and may end it early.
 */
public final class Lookup {
    /** Requests in flight at once, as in the Kademlia paper and both libp2p implementations. */
    public static final int ALPHA = 3;
    /** A lookup gives up after this long and returns what it has (go-libp2p-kad-dht bounds queries alike). */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final PeerId self;
    private final RoutingTable table;
    private final PeerQuerier querier;
    private final Consumer<KadPeer> learned;
    private final Duration requestTimeout;
    private final Duration deadline;

    /**
     * @param learned told of every peer an answer names, so its addresses can be dialled later
     */
    public Lookup(PeerId self, RoutingTable table, PeerQuerier querier, Consumer<KadPeer> learned) {
        this(self, table, querier, learned, KadProtocol.REQUEST_TIMEOUT, DEADLINE);
    }

    public Lookup(PeerId self, RoutingTable table, PeerQuerier querier, Consumer<KadPeer> learned,
                  Duration requestTimeout, Duration deadline) {
        this.self = self;
        this.table = table;
        this.querier = querier;
        this.learned = learned;
        this.requestTimeout = requestTimeout;
        this.deadline = deadline;
    }

    /** The k peers closest to {@code key} that answered. */
    public CompletionStage<LookupResult> closestPeers(byte[] key) {
        return run(KadMessage.Type.FIND_NODE, key, AnswerCollector.NONE);
    }

    /** Looks for {@code target}; ends as soon as an answer names it with addresses. */
    public CompletionStage<LookupResult> findPeer(PeerId target) {
        return new Run(KadMessage.Type.FIND_NODE, target.toBytes(), target, AnswerCollector.NONE).start();
    }

    /**
     * Sends {@code type} requests for {@code key} along the walk and hands every answer to
     * {@code collector}, which ends the lookup early by returning true.
     */
    public CompletionStage<LookupResult> run(KadMessage.Type type, byte[] key, AnswerCollector collector) {
        if (type != KadMessage.Type.FIND_NODE && type != KadMessage.Type.GET_PROVIDERS
                && type != KadMessage.Type.GET_VALUE) {
            throw new IllegalArgumentException(type + " is not a lookup request");
        }
        return new Run(type, key.clone(), null, collector).start();
    }

    private enum State { WAITING, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final KadPeer peer;
        final int depth;
        State state = State.WAITING;

        Candidate(KadPeer peer, int depth) {
            this.peer = peer;
            this.depth = depth;
        }
    }

    /** One lookup's state, guarded by its own monitor: answers arrive on any thread. */
    private final class Run {
        private final KadMessage request;
        private final AnswerCollector collector;
        private final byte[] key;
        private final KadId targetId;
        private final PeerId soughtPeer;
        private final TreeMap<KadId, Candidate> candidates;
        private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
        private final CompletableFuture<Boolean> deadlineTimer = new CompletableFuture<>();
        private final int k = table.config().bucketSize();
        private int inFlight;
        private int queries;
        private int deepest;
        private KadPeer found;
        private int foundAtDepth;
        private boolean collected;

        Run(KadMessage.Type type, byte[] key, PeerId soughtPeer, AnswerCollector collector) {
            this.request = KadMessage.of(type, key);
            this.collector = collector;
            this.key = key;
            this.targetId = KadId.ofKey(key);
            this.soughtPeer = soughtPeer;
            this.candidates = new TreeMap<>(targetId.byDistance());
        }

        CompletionStage<LookupResult> start() {
            synchronized (this) {
                for (PeerEntry entry : table.closest(targetId, k)) {
                    consider(new KadPeer(entry.peerId(), entry.addresses()), 1);
                }
            }
            // Cancelled when the lookup ends, so the timer does not hold a finished lookup until its deadline.
            deadlineTimer.completeOnTimeout(true, deadline.toNanos(), TimeUnit.NANOSECONDS).thenAccept(expired -> {
                if (expired) {
                    finish(true);
                }
            });
            advance();
            return result;
        }

        private void consider(KadPeer peer, int depth) {
            if (peer.id().equals(self)) {
                return;
            }
            if (peer.id().equals(soughtPeer) && !peer.addrs().isEmpty() && found == null) {
                found = peer;
                foundAtDepth = depth - 1;
            }
            candidates.putIfAbsent(KadId.of(peer.id()), new Candidate(peer, depth));
        }

        /** Starts requests to the closest waiting candidates, or ends the lookup once it converged. */
        private void advance() {
            List<Candidate> toAsk = new ArrayList<>();
            boolean done;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                int considered = 0;
                boolean allAnswered = true;
                for (Candidate c : candidates.values()) {
                    if (considered == k) {
                        break;
                    }
                    if (c.state == State.FAILED) {
                        continue;
                    }
                    considered++;
                    if (c.state != State.ANSWERED) {
                        allAnswered = false;
                    }
                    if (c.state == State.WAITING && inFlight < ALPHA) {
                        c.state = State.IN_FLIGHT;
                        inFlight++;
                        queries++;
                        deepest = Math.max(deepest, c.depth);
                        toAsk.add(c);
                    }
                }
                done = found != null || collected || allAnswered || (inFlight == 0 && toAsk.isEmpty());
            }
            if (done) {
                finish(false);
                return;
            }
            for (Candidate c : toAsk) {
                ask(c);
            }
        }

        private void ask(Candidate c) {
            CompletableFuture<KadMessage> answer;
            try {
                answer = querier.ask(c.peer.id(), request).toCompletableFuture();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.orTimeout(requestTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((message, error) -> answered(c, message, error));
        }

        private void answered(Candidate c, KadMessage message, Throwable error) {
            List<KadPeer> closer = error == null ? message.closerPeers() : List.of();
            if (error != null) {
                table.peerFailedQuery(c.peer.id());
            } else {
                table.peerAnsweredQuery(c.peer.id(), c.peer.addrs());
                closer.forEach(learned);
            }
            boolean enough = false;
            if (error == null && !result.isDone()) {
                try {
                    enough = collector.collect(c.peer.id(), message);
                } catch (RuntimeException e) {
                    // A collector that breaks ends its lookup with the error rather than leaving it to the deadline.
                    result.completeExceptionally(e);
                }
            }
            synchronized (this) {
                inFlight--;
                if (error != null) {
                    c.state = State.FAILED;
                } else {
                    c.state = State.ANSWERED;
                    for (KadPeer peer : closer) {
                        consider(peer, c.depth + 1);
                    }
                }
                collected |= enough;
            }
            advance();
        }

        private void finish(boolean deadlineReached) {
            LookupResult outcome;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                List<KadPeer> closest = candidates.values().stream()
                        .filter(c -> c.state == State.ANSWERED).limit(k).map(c -> c.peer).toList();
                outcome = new LookupResult(closest, Optional.ofNullable(found),
                        found != null ? foundAtDepth : deepest, queries, deadlineReached);
            }
            table.lookupPerformed(targetId);
            result.complete(outcome);
            deadlineTimer.complete(false);
        }
    }
}
