package io.wirepunch.app.engine;

import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.RelaySettings;
import io.wirepunch.core.engine.EngineSettings;
import io.wirepunch.core.engine.MeasurementSettings;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.usage.CircuitConfig;
import io.wirepunch.core.protocol.relay.usage.NetworkUsageConfig;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import io.wirepunch.core.protocol.relay.usage.ReservationConfig;
import java.util.Optional;

/** The engine's settings as the app's settings ask: bootstrap peers, the relay service and its limits, measurement. */
public final class EngineSettingsFromApp {
    private EngineSettingsFromApp() {}

    /** {@code base} (the user's node) with what {@code app} changes; no bootstrap peers set keeps the public DHT's. */
    public static EngineSettings apply(AppSettings app, EngineSettings base) {
        EngineSettings settings = base.withRelayService(app.relay().enabled() ? Optional.of(relayConfig(app.relay())) : Optional.empty());
        if (!app.bootstrapPeers().isEmpty()) {
            settings = settings.withBootstrap(app.bootstrapPeers().stream().map(Multiaddr::parse).toList());
        }
        if (app.measurement().configured()) {
            settings = settings.withMeasurement(Optional.of(MeasurementSettings.server(app.measurement().server(),
                    app.measurement().apiKey(), app.hostCount(), false)));
        }
        return settings;
    }

    static RelayConfigFile relayConfig(RelaySettings relay) {
        RelayConfigFile defaults = RelayConfigFile.DEFAULTS;
        NetworkUsageConfig usage = defaults.networkUsage().withLimits(relay.globalLimitBytes(), relay.peerLimitBytes())
                .withTimes(relay.timeframe(), defaults.networkUsage().writeInterval());
        ReservationConfig r = defaults.reservations();
        CircuitConfig c = defaults.circuits();
        return new RelayConfigFile(usage,
                new ReservationConfig(relay.maxReservations(), Math.min(r.maxPerPeer(), relay.maxReservations()),
                        Math.min(r.maxPerIp(), relay.maxReservations()), r.ttl()),
                new CircuitConfig(relay.maxCircuits(), Math.min(c.maxPerPeer(), relay.maxCircuits()), c.maxDuration(), c.maxBytes()));
    }
}
