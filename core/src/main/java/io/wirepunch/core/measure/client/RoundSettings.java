package io.wirepunch.core.measure.client;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.time.Duration;
import java.util.Objects;

/**
 * How the measurement rounds run.
 *
 * @param hosts how many hosts measure side by side, each its own node on its own port
 * @param rounds hole punches each host reports before it stops; 0 for no end
 * @param listen where each host listens (port 0: a port of its own)
 * @param nodeOptions what each host's node runs; its hole punching waits {@code streamWait} for the remote
 * @param streamWait how long a host waits for the remote to open DCUtR before NO_STREAM
 * @param pings pings per latency measurement
 * @param initialBackoff the wait after the first failure in a row; it doubles with each further one
 * @param maxBackoff the longest wait after failures
 * @param idleWait the wait when there is no peer to hole punch
 */
public record RoundSettings(int hosts, int rounds, Multiaddr listen, NodeOptions nodeOptions, Duration streamWait,
                            int pings, Duration initialBackoff, Duration maxBackoff, Duration idleWait) {
    /** punchr's client runs two hosts. */
    public static final int DEFAULT_HOSTS = 2;
    /** Hosts at most: each is a node with its own port and thread. */
    public static final int MAX_HOSTS = 16;
    public static final int DEFAULT_PINGS = 3;
    /** Pings per latency measurement at most; each may take {@link PunchSteps#PING_TIMEOUT}. */
    public static final int MAX_PINGS = 10;
    public static final Duration DEFAULT_STREAM_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_WAIT = Duration.ofSeconds(30);
    public static final Multiaddr DEFAULT_LISTEN = Multiaddr.parse("/ip4/0.0.0.0/tcp/0");

    public RoundSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(nodeOptions, "nodeOptions");
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be 1.." + MAX_HOSTS + ": " + hosts);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must not be negative: " + rounds);
        }
        if (pings < 0 || pings > MAX_PINGS) {
            throw new IllegalArgumentException("pings must be 0.." + MAX_PINGS + ": " + pings);
        }
        for (Duration d : new Duration[] {streamWait, initialBackoff, maxBackoff, idleWait}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("waits must be positive: " + d);
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("the longest backoff " + maxBackoff + " is shorter than the first " + initialBackoff);
        }
    }

    /** Two hosts on any interface, no end, no relay reservations of their own, punchr's waits. */
    public static RoundSettings defaults() {
        return new RoundSettings(DEFAULT_HOSTS, 0, DEFAULT_LISTEN, NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF),
                DEFAULT_STREAM_WAIT, DEFAULT_PINGS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_IDLE_WAIT);
    }

    public RoundSettings withHosts(int n) {
        return new RoundSettings(n, rounds, listen, nodeOptions, streamWait, pings, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withRounds(int n) {
        return new RoundSettings(hosts, n, listen, nodeOptions, streamWait, pings, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withListen(Multiaddr a) {
        return new RoundSettings(hosts, rounds, a, nodeOptions, streamWait, pings, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withNodeOptions(NodeOptions o) {
        return new RoundSettings(hosts, rounds, listen, o, streamWait, pings, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withStreamWait(Duration d) {
        return new RoundSettings(hosts, rounds, listen, nodeOptions, d, pings, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withPings(int n) {
        return new RoundSettings(hosts, rounds, listen, nodeOptions, streamWait, n, initialBackoff, maxBackoff, idleWait);
    }

    public RoundSettings withBackoff(Duration initial, Duration max) {
        return new RoundSettings(hosts, rounds, listen, nodeOptions, streamWait, pings, initial, max, idleWait);
    }

    public RoundSettings withIdleWait(Duration d) {
        return new RoundSettings(hosts, rounds, listen, nodeOptions, streamWait, pings, initialBackoff, maxBackoff, d);
    }

    /**
     * The wait after {@code failures} failures in a row: {@link #initialBackoff()} after the first,
     * doubling with each further one, never more than {@link #maxBackoff()}.
     */
    public Duration backoff(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration d = initialBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
