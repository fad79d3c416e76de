package io.wirepunch.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.app.settings.MeasurementSettings;
import io.wirepunch.app.settings.RelaySettings;
import io.wirepunch.core.engine.EngineSettings;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsFromAppTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultsKeepThePublicDhtAndOfferARelay() {
        EngineSettings base = EngineSettings.forUser(dir);

        EngineSettings settings = EngineSettingsFromApp.apply(AppSettings.DEFAULTS, base);

        assertThat(settings.bootstrap()).isEqualTo(base.bootstrap());
        assertThat(settings.relayService()).isPresent();
        assertThat(settings.measurement()).isEmpty();
    }

    @Test
    void bootstrapPeersRelayLimitsAndTheMeasurementServerReachTheEngine() {
        AppSettings app = new AppSettings(List.of("/ip4/192.0.2.7/tcp/4001"),
                new RelaySettings(true, 5_000_000, 100_000, Duration.ofHours(24), 10, 5),
                new MeasurementSettings("punchr.example.net:10000", "key"), 3, Optional.empty(), false, true, true);

        EngineSettings settings = EngineSettingsFromApp.apply(app, EngineSettings.forUser(dir));

        assertThat(settings.bootstrap()).containsExactly(Multiaddr.parse("/ip4/192.0.2.7/tcp/4001"));
        RelayConfigFile relay = settings.relayService().orElseThrow();
        assertThat(relay.networkUsage().globalLimit()).isEqualTo(5_000_000);
        assertThat(relay.networkUsage().peerLimit()).isEqualTo(100_000);
        assertThat(relay.networkUsage().timeframe()).isEqualTo(Duration.ofHours(24));
        assertThat(relay.reservations().max()).isEqualTo(10);
        assertThat(relay.circuits().max()).isEqualTo(5);
        assertThat(relay.circuits().maxPerPeer()).isLessThanOrEqualTo(5);
        var measurement = settings.measurement().orElseThrow();
        assertThat(measurement.hosts()).isEqualTo(3);
        assertThat(measurement.server()).hasValueSatisfying(s -> {
            assertThat(s.address()).isEqualTo("punchr.example.net:10000");
            assertThat(s.apiKey()).isEqualTo("key");
        });
    }

    @Test
    void aRelayServiceSwitchedOffIsNone() {
        AppSettings app = AppSettings.DEFAULTS.withRelay(RelaySettings.DEFAULTS.withEnabled(false));

        assertThat(EngineSettingsFromApp.apply(app, EngineSettings.forUser(dir)).relayService()).isEmpty();
    }
}
