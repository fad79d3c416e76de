package io.wirepunch.core.holepunch;

import io.wirepunch.core.nat.PublicRanges;
import java.time.Duration;
import java.util.Objects;

/**
 * How hole punching runs.
 *
 * @param publicRanges which addresses count as public (the Internet's, plus a testbed's)
 * @param auto start a hole punch on every relayed connection a peer opens to us
 * @param oneSidedDial before punching, dial the public addresses the remote advertises (the spec's
 *     unilateral upgrade); off only where a test must see the exchange itself
 * @param maxAttempts CONNECT/SYNC rounds before the initiator gives up
 * @param messageTimeout how long either end waits for the other's next message
 * @param dialTimeout how long one attempt's dial may take to produce a direct connection
 * @param directDialTimeout how long the one-sided dial to a remote's public addresses may take
 * @param streamWait how long the responder of {@link HolePunchService#punchThrough} waits for the
 *     remote to open the DCUtR stream before it records NO_STREAM
 */
public record HolePunchConfig(PublicRanges publicRanges, boolean auto, boolean oneSidedDial, int maxAttempts, Duration messageTimeout,
                              Duration dialTimeout, Duration directDialTimeout, Duration streamWait) {
    /** The spec's retry count: the initiator tries three times. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** A message that takes longer than this over a relay is not coming. */
    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(10);
    /** go-libp2p's hole-punch dial timeout. */
    public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DIRECT_DIAL_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STREAM_WAIT = Duration.ofSeconds(30);
    /** Attempts either end takes part in at most, whatever a configuration or a peer asks. */
    public static final int MAX_ATTEMPTS_LIMIT = 10;

    public HolePunchConfig {
        Objects.requireNonNull(publicRanges, "publicRanges");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("attempts must be 1.." + MAX_ATTEMPTS_LIMIT + ": " + maxAttempts);
        }
        for (Duration d : new Duration[] {messageTimeout, dialTimeout, directDialTimeout, streamWait}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    public static HolePunchConfig defaults() {
        return new HolePunchConfig(PublicRanges.NONE, true, true, DEFAULT_MAX_ATTEMPTS, DEFAULT_MESSAGE_TIMEOUT,
                DEFAULT_DIAL_TIMEOUT, DEFAULT_DIRECT_DIAL_TIMEOUT, DEFAULT_STREAM_WAIT);
    }

    public HolePunchConfig withPublicRanges(PublicRanges r) {
        return new HolePunchConfig(r, auto, oneSidedDial, maxAttempts, messageTimeout, dialTimeout, directDialTimeout, streamWait);
    }

    public HolePunchConfig withAuto(boolean on) {
        return new HolePunchConfig(publicRanges, on, oneSidedDial, maxAttempts, messageTimeout, dialTimeout, directDialTimeout, streamWait);
    }

    public HolePunchConfig withStreamWait(Duration d) {
        return new HolePunchConfig(publicRanges, auto, oneSidedDial, maxAttempts, messageTimeout, dialTimeout, directDialTimeout, d);
    }

    public HolePunchConfig withDialTimeout(Duration d) {
        return new HolePunchConfig(publicRanges, auto, oneSidedDial, maxAttempts, messageTimeout, d, directDialTimeout, streamWait);
    }

    public HolePunchConfig withOneSidedDial(boolean on) {
        return new HolePunchConfig(publicRanges, auto, on, maxAttempts, messageTimeout, dialTimeout, directDialTimeout,
                streamWait);
    }

    public HolePunchConfig withMessageTimeout(Duration d) {
        return new HolePunchConfig(publicRanges, auto, oneSidedDial, maxAttempts, d, dialTimeout, directDialTimeout,
                streamWait);
    }
}
