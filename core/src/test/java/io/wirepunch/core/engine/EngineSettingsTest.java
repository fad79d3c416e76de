package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.measure.client.RoundSettings;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
    private static final Path DIR = Path.of("/tmp/wirepunch-settings-test");
    private static final Multiaddr BOOTSTRAP =
            Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWRt39YffjDpf5mwkLXHpT5eUVcHkVzsPpvE47C5ZBt1DU");

    @Test
    void theUsersNodeJoinsThePublicDhtAsAServerAndSavesItsTable() {
        NodeOptions o = EngineSettings.forUser(DIR).nodeOptions();

        assertThat(o.dht()).hasValueSatisfying(d -> {
            assertThat(d.config().bootstrapPeers()).isNotEmpty();
            assertThat(d.config().tableFile()).contains(DIR.resolve(EngineSettings.DHT_TABLE_FILE));
            assertThat(d.config().table().maxPeersPerNetwork()).isEqualTo(RoutingTableConfig.DEFAULT_MAX_PEERS_PER_NETWORK);
        });
        assertThat(o.relayService()).isEmpty();
        assertThat(o.holePunch().oneSidedDial()).isTrue();
        assertThat(EngineSettings.forUser(DIR).controlSocket()).isEmpty();
    }

    @Test
    void withoutBootstrapPeersNoDhtRuns() {
        assertThat(EngineSettings.forUser(DIR).withBootstrap(List.of()).nodeOptions().dht()).isEmpty();
    }

    @Test
    void loopbackRangesMeanOneHostAndTheDemoShowsTheExchangeItself() {
        EngineSettings s = EngineSettings.forUser(DIR).withBootstrap(List.of(BOOTSTRAP))
                .withPublicRanges(PublicRanges.parse("127.0.0.0/8")).asDemo();

        assertThat(s.singleHost()).isTrue();
        assertThat(EngineSettings.forUser(DIR).withPublicRanges(PublicRanges.parse("203.0.113.0/24")).singleHost()).isFalse();
        assertThat(s.nodeOptions().dht().orElseThrow().config().table().maxPeersPerNetwork())
                .isEqualTo(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);
        assertThat(s.nodeOptions().holePunch().oneSidedDial()).isFalse();
    }

    @Test
    void theRelayServiceKeepsItsUsageInTheConfigDirectory() {
        NodeOptions o = EngineSettings.forUser(DIR).withRelayService(Optional.of(RelayConfigFile.DEFAULTS)).nodeOptions();

        assertThat(o.relayService().orElseThrow().dataDir()).isEqualTo(DIR.resolve(UserFiles.RELAY_DIR));
    }

    @Test
    void aNodeWithoutListenAddressesIsRefused() {
        assertThatThrownBy(() -> EngineSettings.forUser(DIR).withListen(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measurementHostsStayWithinTheRoundsLimitAndTheKeyIsNeverPrinted() {
        assertThat(MeasurementSettings.server("m.example:443", "secret-key", RoundSettings.MAX_HOSTS, true).hosts())
                .isEqualTo(RoundSettings.MAX_HOSTS);
        assertThatThrownBy(() -> MeasurementSettings.server("m.example:443", "k", RoundSettings.MAX_HOSTS + 1, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeasurementSettings.local(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MeasurementSettings.server("m.example:443", "secret-key", 2, false).toString())
                .doesNotContain("secret-key");
    }
}
