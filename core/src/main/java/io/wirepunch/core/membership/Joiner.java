package io.wirepunch.core.membership;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InviteClient;
import io.wirepunch.core.invite.JoinResult;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The joiner's steps, each blocking its caller: reach the inviter (the invitation's direct hints
 * first, then its relay circuits, then a DHT lookup of the inviter's id), prove the invitation over
 * that connection, and wait for the hole punch the inviter starts on a relayed one.
 */
public final class Joiner {
    /** How long one address of the inviter gets to answer. */
    public static final Duration DIAL_TIMEOUT = Duration.ofSeconds(15);
    /** How long direct hints get alone before the relay circuits are dialled too. */
    public static final Duration CIRCUIT_DELAY = Duration.ofSeconds(2);
    /** How long the DHT gets to find the inviter when no hint answered. */
    public static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a joiner on a relayed connection waits for the hole punch to end. */
    public static final Duration PUNCH_WAIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 25;

    private Joiner() {}

    /**
     * Connects to the inviter: every direct hint at once, the relay circuits too once
     * {@link #CIRCUIT_DELAY} passed without a direct connection (so an address that drops packets
     * costs that delay, not a whole dial timeout), the first connection made winning; when all
     * fail, a DHT lookup of the inviter. An open connection is reused.
     */
    public static Connection reach(Node node, Invitation invitation) throws JoinException, InterruptedException {
        PeerId inviter = invitation.inviter();
        Optional<Connection> open = node.host().connections().get(inviter);
        if (open.isPresent()) {
            return open.get();
        }
        List<Multiaddr> direct = invitation.dialAddrs().stream().filter(a -> !a.isCircuit()).toList();
        List<Multiaddr> circuits = invitation.dialAddrs().stream().filter(Multiaddr::isCircuit).toList();
        String last = "the invitation names no address";
        if (!direct.isEmpty() || !circuits.isEmpty()) {
            try {
                return await(firstOf(node, direct, circuits), DIAL_TIMEOUT.plus(CIRCUIT_DELAY));
            } catch (ExecutionException | TimeoutException e) {
                last = Errors.reason(e);
            }
        }
        if (node.dht().isPresent()) {
            try {
                LookupResult found = await(node.dht().get().findPeer(inviter), LOOKUP_TIMEOUT);
                List<Multiaddr> learned = found.target().map(KadPeer::addrs).orElse(List.of());
                if (!learned.isEmpty()) {
                    node.host().peerstore().addAddrs(inviter, learned, Duration.ofMinutes(10));
                    return await(node.host().connect(inviter), DIAL_TIMEOUT);
                }
                last += "; the DHT does not know the inviter";
            } catch (ExecutionException | TimeoutException e) {
                last += "; through the DHT: " + Errors.reason(e);
            }
        }
        throw new JoinException("could not reach the inviter: " + last);
    }

    /**
     * The first connection any of the addresses gives; the circuits are dialled once
     * {@link #CIRCUIT_DELAY} passed or every direct dial failed, whichever comes first. Fails with
     * the last error once all failed.
     */
    private static CompletableFuture<Connection> firstOf(Node node, List<Multiaddr> direct, List<Multiaddr> circuits) {
        CompletableFuture<Connection> first = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(direct.size() + circuits.size());
        AtomicInteger directLeft = new AtomicInteger(direct.size());
        AtomicBoolean circuitsStarted = new AtomicBoolean();
        Runnable startCircuits = () -> {
            if (circuitsStarted.compareAndSet(false, true)) {
                for (Multiaddr a : circuits) {
                    if (first.isDone()) {
                        left.decrementAndGet();
                    } else {
                        dial(node, a, first, left, () -> { });
                    }
                }
            }
        };
        for (Multiaddr a : direct) {
            dial(node, a, first, left, () -> {
                if (directLeft.decrementAndGet() == 0) {
                    startCircuits.run();
                }
            });
        }
        if (direct.isEmpty()) {
            startCircuits.run();
        } else if (!circuits.isEmpty()) {
            CompletableFuture.delayedExecutor(CIRCUIT_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(startCircuits);
        }
        return first;
    }

    private static void dial(Node node, Multiaddr addr, CompletableFuture<Connection> first, AtomicInteger left,
                             Runnable onFailure) {
        node.host().connect(addr).whenComplete((c, e) -> {
            if (e == null) {
                first.complete(c);
                return;
            }
            if (left.decrementAndGet() == 0) {
                first.completeExceptionally(e);
            }
            onFailure.run();
        });
    }

    /** Proves the invitation over {@code connection}; answers what the inviter sent about the network. */
    public static JoinResult.Joined prove(Node node, Connection connection, Invitation invitation, Clock clock)
            throws JoinException, InterruptedException {
        JoinResult result;
        try {
            result = new InviteClient(node.host().peerId(), clock).join(connection, invitation).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new JoinException("the join failed: " + Errors.reason(e));
        }
        if (result instanceof JoinResult.Failed f) {
            throw new JoinException(f.sentence());
        }
        return (JoinResult.Joined) result;
    }

    /**
     * The connection to use after a join over {@code current}: at once when it is direct; when it
     * is relayed, the direct one a hole punch brings, or the relayed one once the punch ended or
     * {@code wait} passed.
     */
    public static Connection awaitDirect(Node node, Connection current, Instant since, Duration wait) throws InterruptedException {
        PeerId peer = current.remotePeer();
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Connection> best = node.host().connections().get(peer);
            if (best.isPresent() && !best.get().isRelayed()) {
                return best.get();
            }
            if (!current.isRelayed() && current.isOpen()) {
                return current;
            }
            if (punchEnded(node, peer, since) || System.nanoTime() > until) {
                return best.orElse(current);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean punchEnded(Node node, PeerId peer, Instant since) {
        for (HolePunchRecord r : node.holePunch().history().records()) {
            if (r.remote().equals(peer) && !r.endedAt().isBefore(since)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        var f = stage.toCompletableFuture();
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw e;
        }
    }
}
