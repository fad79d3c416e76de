package io.wirepunch.app.tray;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tray shows, reduced from the node's state: its phase, how many peers it has and how
 * many of them are reached directly, and the user's two switches.
 */
public record TrayState(Phase phase, int peers, int direct, Optional<Duration> retryIn, String problem, boolean participating,
                        boolean launchAtLogin) {
    /** Where the node is in its life. */
    public enum Phase {
        /** Starting, or participation switched on and the first connections not made yet. */
        CONNECTING,
        RUNNING,
        /** No usable network; the node retries on its own. */
        NO_NETWORK,
        /** Stopped by a failure it cannot retry. */
        FAILED
    }

    public TrayState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(retryIn, "retryIn");
        Objects.requireNonNull(problem, "problem");
        if (peers < 0 || direct < 0 || direct > peers) {
            throw new IllegalArgumentException("direct peers " + direct + " must be between 0 and peers " + peers);
        }
    }

    public static TrayState starting(boolean participating, boolean launchAtLogin) {
        return new TrayState(Phase.CONNECTING, 0, 0, Optional.empty(), "", participating, launchAtLogin);
    }

    public TrayState withLaunchAtLogin(boolean enabled) {
        return new TrayState(phase, peers, direct, retryIn, problem, participating, enabled);
    }
}
