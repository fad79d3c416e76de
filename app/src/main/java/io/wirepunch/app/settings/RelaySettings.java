package io.wirepunch.app.settings;

import java.time.Duration;

/**
 * The relay service this node offers others: on or off, and the limits it keeps to. Bytes are
 * counted per timeframe against the whole network and against each peer, as Wireleap's relay does.
 */
public record RelaySettings(boolean enabled, long globalLimitBytes, long peerLimitBytes, Duration timeframe, int maxReservations,
                            int maxCircuits) {
    private static final long GIB = 1024L * 1024 * 1024;

    public static final RelaySettings DEFAULTS = new RelaySettings(true, 100 * GIB, GIB, Duration.ofDays(30), 128, 64);

    public RelaySettings {
        requirePositive("relay.global_limit_bytes", globalLimitBytes);
        requirePositive("relay.peer_limit_bytes", peerLimitBytes);
        if (peerLimitBytes > globalLimitBytes) {
            throw new SettingsException("relay.peer_limit_bytes", "must not exceed relay.global_limit_bytes (" + globalLimitBytes + ")");
        }
        if (timeframe == null || timeframe.isNegative() || timeframe.toHours() < 1) {
            throw new SettingsException("relay.timeframe_hours", "must be at least 1 hour");
        }
        requirePositive("relay.max_reservations", maxReservations);
        requirePositive("relay.max_circuits", maxCircuits);
    }

    public RelaySettings withEnabled(boolean on) {
        return new RelaySettings(on, globalLimitBytes, peerLimitBytes, timeframe, maxReservations, maxCircuits);
    }

    private static void requirePositive(String field, long value) {
        if (value <= 0) {
            throw new SettingsException(field, "must be greater than 0, not " + value);
        }
    }
}
