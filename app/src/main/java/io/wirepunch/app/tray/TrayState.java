package io.wirepunch.app.tray;

import io.wirepunch.core.engine.EngineSnapshot;
import java.util.Objects;

/**
 * What the tray shows, reduced from an engine snapshot: its state and the one line the engine
 * says about it ("Participating · 14 peers · 2 direct", "No network, retrying in 30 s"), and the
 * user's two switches.
 */
public record TrayState(EngineSnapshot.State state, String line, boolean participating, boolean launchAtLogin) {
    public TrayState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(line, "line");
    }

    public static TrayState of(EngineSnapshot snapshot, boolean launchAtLogin) {
        return new TrayState(snapshot.status().state(), snapshot.status().line(), snapshot.participating(), launchAtLogin);
    }

    /** Whether the node runs, so that it can hand out invitations and join with one. */
    public boolean running() {
        return switch (state) {
            case PARTICIPATING, PAUSED, CONNECTING -> true;
            case STARTING, ERROR, STOPPED -> false;
        };
    }

    public TrayState withLaunchAtLogin(boolean enabled) {
        return new TrayState(state, line, participating, enabled);
    }
}
