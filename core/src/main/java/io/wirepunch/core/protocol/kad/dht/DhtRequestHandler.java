package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.KadRequestHandler;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Answers inbound kad requests from the routing table and the record stores. Every answer is
 * computed at once from in-memory state, so nothing here blocks the stream's event loop.
 */
public final class DhtRequestHandler implements KadRequestHandler {
    private final RoutingTable table;
    private final Peerstore peerstore;
    private final ProviderStore providers;
    private final ValueStore values;
    private final InboundQueryLimiter limiter;
    private final WorkRequirement work;
    private final Optional<Supplier<KadPeer>> self;
    private final int closerPeersPerAnswer;

    /** A handler of the public DHT: every peer is answered. */
    public DhtRequestHandler(RoutingTable table, Peerstore peerstore, ProviderStore providers, ValueStore values,
                             InboundQueryLimiter limiter) {
        this(table, peerstore, providers, values, limiter, WorkRequirement.NONE);
    }

    /** A handler that answers only peers whose key shows {@code work}; the others' streams are reset. */
    public DhtRequestHandler(RoutingTable table, Peerstore peerstore, ProviderStore providers, ValueStore values,
                             InboundQueryLimiter limiter, WorkRequirement work) {
        this(table, peerstore, providers, values, limiter, work, Optional.empty());
    }

    /**
     * A handler that also names this node, with the addresses {@code self} gives at the time of
     * asking, to whoever looks it up, as js and go do: a peer that knows us only by id finds us
     * by asking us.
     */
    public DhtRequestHandler(RoutingTable table, Peerstore peerstore, ProviderStore providers, ValueStore values,
                             InboundQueryLimiter limiter, WorkRequirement work, Optional<Supplier<KadPeer>> self) {
        this.work = work;
        this.self = self;
        this.table = table;
        this.peerstore = peerstore;
        this.providers = providers;
        this.values = values;
        this.limiter = limiter;
        this.closerPeersPerAnswer = table.config().bucketSize();
    }

    @Override
    public CompletionStage<Optional<KadMessage>> handle(PeerId from, KadMessage request) {
        if (!WorkGate.admits(work, peerstore, from)) {
            return refuse(from + " lacks the " + work.bits() + " work bits this DHT requires");
        }
        // A failed stage resets the stream: a flooding peer gets neither an answer nor a stream to queue more on.
        if (!limiter.tryAcquire(from)) {
            return refuse("inbound query rate exceeded by " + from);
        }
        return switch (request.type()) {
            case PING -> answer(KadMessage.ping());
            case FIND_NODE -> answer(KadMessage.of(KadMessage.Type.FIND_NODE, request.key())
                    .withCloserPeers(findNodeAnswer(from, request.key())));
            case GET_PROVIDERS -> answer(KadMessage.getProviders(request.key())
                    .withProviderPeers(providers.providers(request.key()))
                    .withCloserPeers(closerPeers(from, request.key())));
            case ADD_PROVIDER -> addProvider(from, request);
            case GET_VALUE -> getValue(from, request);
            case PUT_VALUE -> putValue(request);
        };
    }

    private CompletionStage<Optional<KadMessage>> addProvider(PeerId from, KadMessage request) {
        // The store ignores providers other than the sender; the spec sends no answer either way.
        for (KadPeer provider : request.providerPeers()) {
            providers.addFromPeer(from, request.key(), provider);
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private CompletionStage<Optional<KadMessage>> getValue(PeerId from, KadMessage request) {
        KadMessage answer = KadMessage.getValue(request.key()).withCloserPeers(closerPeers(from, request.key()));
        Optional<KadRecord> stored = values.get(request.key());
        return answer(stored.map(answer::withRecord).orElse(answer));
    }

    private CompletionStage<Optional<KadMessage>> putValue(KadMessage request) {
        if (request.record().isEmpty()) {
            return refuse("PUT_VALUE without a record");
        }
        KadRecord record = request.record().get();
        if (!java.util.Arrays.equals(record.key(), request.key())) {
            return refuse("PUT_VALUE record key differs from the message key");
        }
        ValueStore.PutResult result = values.put(record);
        if (result.outcome() == ValueStore.Outcome.INVALID) {
            // The spec resets the stream on an invalid record; the sender sees the refusal.
            return refuse("invalid record: " + result.validation().detail());
        }
        // A stale or refused-for-space record is still a well-formed request: echo it as go and js do.
        return answer(KadMessage.putValue(record));
    }

    /**
     * A FIND_NODE's closer peers: ourselves first when the key is our own id; otherwise the table's
     * closest, and the sought peer too when it is not among them but the peerstore knows where it
     * is (a DHT client connected to us is in no table, yet can be found through us).
     */
    List<KadPeer> findNodeAnswer(PeerId requester, byte[] key) {
        List<KadPeer> closer = closerPeers(requester, key);
        Optional<PeerId> sought = peerIdOf(key).filter(id -> !id.equals(requester));
        if (sought.isEmpty()) {
            return closer;
        }
        Optional<KadPeer> us = self.map(Supplier::get).filter(peer -> peer.id().equals(sought.get()));
        if (us.isPresent()) {
            List<KadPeer> answer = new ArrayList<>(closer.size() + 1);
            answer.add(us.get());
            answer.addAll(closer);
            return answer;
        }
        boolean named = closer.stream().anyMatch(peer -> peer.id().equals(sought.get()));
        List<Multiaddr> addrs = peerstore.addrs(sought.get());
        if (named || addrs.isEmpty()) {
            return closer;
        }
        List<KadPeer> answer = new ArrayList<>(closer);
        answer.add(new KadPeer(sought.get(), addrs));
        return answer;
    }

    private static Optional<PeerId> peerIdOf(byte[] key) {
        try {
            return Optional.of(PeerId.fromBytes(key));
        } catch (RuntimeException notAPeerId) {
            return Optional.empty();
        }
    }

    /** The k table peers closest to the key, without the requester, which knows itself. */
    List<KadPeer> closerPeers(PeerId requester, byte[] key) {
        KadId target = KadId.ofKey(key);
        return table.closest(target, closerPeersPerAnswer + 1).stream()
                .filter(entry -> !entry.peerId().equals(requester))
                .limit(closerPeersPerAnswer)
                .map(this::toKadPeer)
                .toList();
    }

    private KadPeer toKadPeer(PeerEntry entry) {
        List<Multiaddr> addrs = entry.addresses().isEmpty() ? peerstore.addrs(entry.peerId()) : entry.addresses();
        return new KadPeer(entry.peerId(), addrs);
    }

    private static CompletionStage<Optional<KadMessage>> answer(KadMessage message) {
        return CompletableFuture.completedFuture(Optional.of(message));
    }

    private static CompletionStage<Optional<KadMessage>> refuse(String why) {
        return CompletableFuture.failedFuture(new KadException(why));
    }
}
