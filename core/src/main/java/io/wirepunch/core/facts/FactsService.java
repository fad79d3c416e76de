package io.wirepunch.core.facts;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facts among the members of one network over {@link FactsProtocol#ID}. Every
 * {@link FactsConfig#pushInterval()}, and as soon as a member connects, the node pushes to each
 * connected member its own facts, freshly signed (ENDPOINT for each advertised direct address,
 * RELAY_ADDR for each circuit address, ALIVE with its boot id, ALLOWED_IP, MEMBER and TRUST as
 * configured), and every live fact it holds about others, in their issuers' envelopes, except those
 * the recipient issued. TRUST and MEMBER facts go first, as they decide whether the rest count.
 *
 * <p>It answers streams only from members, reading each fact through {@link FactAcceptance} into
 * its {@link FactStore}; a stream from anyone else is reset unread. Addresses it learns join the
 * host's peerstore for their remaining TTL, so {@code host.connect(peer)} can use them.
 *
 * <p>Time comes from the clock; the periodic push and expiry from the scheduler, so tests move both
 * by hand and can call {@link #pushNow()} and {@link FactStore#expire()} directly.
 */
public final class FactsService {
    private static final Logger log = LoggerFactory.getLogger(FactsService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Host host;
    private final Clock clock;
    private final FactsConfig config;
    private final Scheduler scheduler;
    private final FactStore store;
    private final FactAcceptance acceptance;
    private final byte[] bootId = new byte[FactsProtocol.BOOT_ID_BYTES];
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile Scheduler.Cancellable nextTick;
    private volatile boolean running;
    private boolean ownsProtocol;

    public FactsService(Host host, TrustPolicy trust, Clock clock, FactsConfig config, Scheduler scheduler) {
        this(host, trust, clock, config, scheduler, new FactStore(clock));
    }

    public FactsService(Host host, TrustPolicy trust, Clock clock, FactsConfig config, Scheduler scheduler,
                        FactStore store) {
        this.host = host;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.store = store;
        this.acceptance = new FactAcceptance(host.peerId(), config.network(), trust, store, clock);
        RANDOM.nextBytes(bootId);
    }

    /** Answers facts streams, pushes to members as they connect and every interval. */
    public void start() {
        start(true);
    }

    /**
     * As {@link #start()}; with {@code registerProtocol} false the caller registers
     * {@link FactsProtocol#ID} itself and hands each stream to {@link #answer} (a node in several
     * networks runs one service per network behind one protocol handler).
     */
    public synchronized void start(boolean registerProtocol) {
        if (running) {
            return;
        }
        running = true;
        ownsProtocol = registerProtocol;
        if (registerProtocol) {
            host.protocols().register(FactsProtocol.ID, this::answer);
        }
        subscriptions.add(host.subscribe(e -> {
            if (e instanceof HostEvent.Connected c && acceptance.isMember(c.connection().remotePeer())) {
                pushTo(c.connection());
            }
        }));
        subscriptions.add(store.subscribe(this::learnAddress));
        schedule();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (ownsProtocol) {
            host.protocols().unregister(FactsProtocol.ID);
        }
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        Scheduler.Cancellable t = nextTick;
        if (t != null) {
            t.cancel();
        }
    }

    private void schedule() {
        nextTick = scheduler.schedule(config.pushInterval(), () -> {
            if (!running) {
                return;
            }
            try {
                store.expire();
                pushNow();
            } catch (RuntimeException e) {
                log.warn("facts push round failed", e);
            }
            schedule();
        });
    }

    public FactStore store() {
        return store;
    }

    public FactAcceptance acceptance() {
        return acceptance;
    }

    /** This run's boot id: random, new with every service, so peers see a restart. */
    public byte[] bootId() {
        return bootId.clone();
    }

    /** What the node knows about {@code peer}. */
    public PeerKnowledge knowledge(PeerId peer) {
        return store.knowledge(peer);
    }

    public Subscription subscribe(Consumer<? super FactEvent> subscriber) {
        return store.subscribe(subscriber);
    }

    /** Our own facts, signed now. */
    public List<SignedFact> ownFacts() {
        Instant now = clock.instant();
        Duration ttl = config.ttl();
        PeerId me = host.peerId();
        List<Fact> facts = new ArrayList<>();
        for (Multiaddr a : host.advertisedAddrs()) {
            try {
                facts.add(a.isCircuit() ? Fact.relayAddr(me, a, ttl, now) : Fact.endpoint(me, a, ttl, now));
            } catch (IllegalArgumentException e) {
                log.debug("not announcing {}: {}", a, e.getMessage());
            }
        }
        facts.add(Fact.alive(me, bootId, ttl, now));
        for (Cidr range : config.allowedIps()) {
            facts.add(Fact.allowedIp(me, range, ttl, now));
        }
        for (PeerId member : config.members()) {
            facts.add(Fact.member(member, config.network(), ttl, now));
        }
        for (Map.Entry<PeerId, TrustLevel> grant : config.grants().entrySet()) {
            facts.add(Fact.trust(grant.getKey(), grant.getValue(), ttl, now));
        }
        return facts.stream().map(f -> SignedFact.sign(host.identity(), f)).toList();
    }

    /** What a push to {@code recipient} carries, in sending order. */
    List<SignedFact> factsFor(PeerId recipient, List<SignedFact> own) {
        List<SignedFact> out = new ArrayList<>(own);
        for (SignedFact f : store.all()) {
            if (!f.issuer().equals(recipient)) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(f -> f.fact().attribute()));
        return out;
    }

    /** Pushes to every connected member now; completes when every push is written. */
    public CompletionStage<Void> pushNow() {
        List<SignedFact> own = ownFacts();
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (Connection c : host.connections().all()) {
            if (c.isOpen() && acceptance.isMember(c.remotePeer())) {
                pushes.add(push(c, own).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new));
    }

    /** Pushes our facts and those we hold to the peer at the other end of {@code connection}. */
    public CompletionStage<Void> pushTo(Connection connection) {
        return push(connection, ownFacts());
    }

    private CompletionStage<Void> push(Connection connection, List<SignedFact> own) {
        List<FactsMessage> messages = FactsMessage.pack(factsFor(connection.remotePeer(), own),
                FactsProtocol.MAX_MESSAGES_PER_STREAM);
        CompletionStage<Void> done = connection.newStream(stream -> { }, FactsProtocol.ID)
                .thenCompose(stream -> write(stream.channel(), messages));
        return done.whenComplete((v, e) -> {
            if (e != null) {
                log.debug("facts push to {} failed: {}", connection.remotePeer(), e.getMessage());
            }
        });
    }

    private static CompletionStage<Void> write(Channel channel, List<FactsMessage> messages) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            for (FactsMessage m : messages) {
                channel.write(m.frame(channel.alloc()));
            }
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (f.isSuccess()) {
                    StreamEnds.closeGracefully(channel);
                    result.complete(null);
                } else {
                    StreamEnds.reset(channel);
                    result.completeExceptionally(f.cause());
                }
            });
        });
        return result;
    }

    /** Reads a facts stream from a member of this network; resets one from anyone else unread. */
    public void answer(Stream stream) {
        PeerId sender = stream.remotePeer();
        if (!acceptance.isMember(sender)) {
            log.debug("refusing facts from {}: not a member of {}", sender, config.network());
            StreamEnds.reset(stream.channel());
            return;
        }
        var pipeline = stream.channel().pipeline();
        pipeline.addLast(new IdleStateHandler(0, 0, FactsProtocol.STREAM_IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        FactsDecoder.install(pipeline);
        pipeline.addLast(new FactsInbound(m -> receive(sender, m)));
    }

    /**
     * Judges and stores the facts of one message from {@code sender}, TRUST and MEMBER facts first;
     * returns how many were stored (added or renewed). The caller has checked that the sender is a member.
     */
    public int receive(PeerId sender, FactsMessage message) {
        List<SignedFact> facts = new ArrayList<>(message.facts());
        facts.sort(Comparator.comparing(f -> f.fact().attribute()));
        int stored = 0;
        for (SignedFact f : facts) {
            var refusal = acceptance.refusal(f);
            if (refusal.isPresent()) {
                log.debug("refusing {} from {}: {}", f, sender, refusal.get());
                continue;
            }
            FactStore.Outcome outcome = store.put(f);
            if (outcome == FactStore.Outcome.ADDED || outcome == FactStore.Outcome.RENEWED) {
                stored++;
            }
        }
        return stored;
    }

    private void learnAddress(FactEvent event) {
        if (!(event instanceof FactEvent.Added || event instanceof FactEvent.Renewed)) {
            return;
        }
        Fact f = event.fact().fact();
        if ((f.attribute() == Attribute.ENDPOINT || f.attribute() == Attribute.RELAY_ADDR)
                && !f.subject().equals(host.peerId())) {
            Duration left = Duration.between(clock.instant(), f.expiresAt());
            if (!left.isNegative() && !left.isZero()) {
                host.peerstore().addAddrs(f.subject(), List.of(f.address()), left);
            }
        }
    }
}
