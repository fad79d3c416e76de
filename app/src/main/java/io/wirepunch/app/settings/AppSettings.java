package io.wirepunch.app.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the app remembers between runs. A field missing from the file takes its value from
 * {@link #DEFAULTS}; a window never placed yet is empty, so the toolkit centres it.
 *
 * @param participate whether the node takes part for others (the Participate switch), as it was last left
 * @param notifications whether a peer joining or a relay limit shows as a desktop notification
 */
public record AppSettings(List<String> bootstrapPeers, RelaySettings relay, MeasurementSettings measurement, int hostCount,
                          Optional<WindowPlacement> window, boolean launchAtLogin, boolean participate, boolean notifications) {
    /** punchr's client runs one host by default; more than this many nodes would swamp a desktop. */
    public static final int MAX_HOST_COUNT = 16;

    public static final AppSettings DEFAULTS = new AppSettings(List.of(), RelaySettings.DEFAULTS, MeasurementSettings.NONE, 1,
            Optional.empty(), false, true, true);

    public AppSettings {
        bootstrapPeers = List.copyOf(bootstrapPeers);
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(window, "window");
        if (hostCount < 1 || hostCount > MAX_HOST_COUNT) {
            throw new SettingsException("host_count", "must be between 1 and " + MAX_HOST_COUNT + ", not " + hostCount);
        }
    }

    public AppSettings withWindow(WindowPlacement placement) {
        return new AppSettings(bootstrapPeers, relay, measurement, hostCount, Optional.of(placement), launchAtLogin, participate, notifications);
    }

    public AppSettings withLaunchAtLogin(boolean enabled) {
        return new AppSettings(bootstrapPeers, relay, measurement, hostCount, window, enabled, participate, notifications);
    }

    public AppSettings withRelay(RelaySettings newRelay) {
        return new AppSettings(bootstrapPeers, newRelay, measurement, hostCount, window, launchAtLogin, participate, notifications);
    }

    public AppSettings withParticipate(boolean on) {
        return new AppSettings(bootstrapPeers, relay, measurement, hostCount, window, launchAtLogin, on, notifications);
    }

    public AppSettings withNotifications(boolean on) {
        return new AppSettings(bootstrapPeers, relay, measurement, hostCount, window, launchAtLogin, participate, on);
    }
}
