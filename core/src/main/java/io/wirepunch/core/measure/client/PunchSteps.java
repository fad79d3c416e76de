package io.wirepunch.core.measure.client;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.ping.PingInitiator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The steps around one hole punch as punchr's client takes them, shared by {@code wirepunch punch}
 * and the measurement rounds: learn the observed address from the relay, find the connections to
 * the peer afterwards, and measure round trips.
 */
public final class PunchSteps {
    /** How often the wait for an observed address looks again. */
    static final Duration OBSERVED_POLL = Duration.ofMillis(20);
    /** How long one ping may take before it counts as an error. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    /** How long opening a ping stream may take. */
    public static final Duration PING_OPEN_TIMEOUT = Duration.ofSeconds(5);

    private PunchSteps() {
    }

    /**
     * Waits up to {@code wait} until a peer (the relay) has told the node how it sees it, so that
     * CONNECT offers that address; answers whether one is known.
     */
    public static boolean awaitObserved(Node node, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (node.autonat().snapshot().observed().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(OBSERVED_POLL.toMillis());
        }
        return !node.autonat().snapshot().observed().isEmpty();
    }

    /** An open connection to {@code peer}, relayed or direct as asked. */
    public static Optional<Connection> openConnection(Node node, PeerId peer, boolean relayed) {
        return node.host().connections().connections(peer).stream()
                .filter(c -> c.isOpen() && c.isRelayed() == relayed).findFirst();
    }

    /** The direct connection the hole punch made (or any direct one to its remote). */
    public static Optional<Connection> direct(Node node, HolePunchRecord r) {
        return openConnection(node, r.remote(), false);
    }

    /** Round trips of {@code count} pings on one stream, and the error of each ping that failed. */
    public record Pings(List<Duration> rtts, List<String> errors) {
        public Pings {
            rtts = List.copyOf(rtts);
            errors = List.copyOf(errors);
        }
    }

    /** Opens a ping stream on {@code c} and pings {@code count} times; closes the stream after. */
    public static Pings ping(Node node, Connection c, int count) throws InterruptedException {
        PingInitiator p;
        try {
            p = node.ping().open(c).toCompletableFuture().get(PING_OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Pings(List.of(), List.of("could not open a ping stream: " + Errors.reason(e)));
        }
        try {
            return ping(p, count);
        } finally {
            p.close();
        }
    }

    /** Pings {@code count} times on a ping stream that is open already, one after the other. */
    public static Pings ping(PingInitiator p, int count) throws InterruptedException {
        List<Duration> rtts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                rtts.add(p.ping().toCompletableFuture().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                errors.add(Errors.reason(e));
            }
        }
        return new Pings(rtts, errors);
    }

    /** A ping over the direct connection, proving it carries streams; -1 ms when it does not. */
    public static double directPingMillis(Node node, HolePunchRecord r) throws InterruptedException {
        Optional<Connection> direct = direct(node, r);
        if (direct.isEmpty()) {
            return -1;
        }
        Pings p = ping(node, direct.get(), 1);
        return p.rtts().isEmpty() ? -1 : p.rtts().get(0).toNanos() / 1e6;
    }
}
