package io.wirepunch.core.measure.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff's doubling and cap, and the limits on hosts and pings. */
class RoundSettingsTest {
    @Test
    void theBackoffDoublesFromTheFirstWaitAndStopsAtTheCap() {
        RoundSettings s = RoundSettings.defaults();
        assertThat(s.backoff(0)).isZero();
        assertThat(s.backoff(1)).isEqualTo(RoundSettings.DEFAULT_INITIAL_BACKOFF);
        assertThat(s.backoff(2)).isEqualTo(RoundSettings.DEFAULT_INITIAL_BACKOFF.multipliedBy(2));
        assertThat(s.backoff(3)).isEqualTo(RoundSettings.DEFAULT_INITIAL_BACKOFF.multipliedBy(4));
        int belowCap = 1;
        while (RoundSettings.DEFAULT_INITIAL_BACKOFF.multipliedBy(1L << belowCap).compareTo(RoundSettings.DEFAULT_MAX_BACKOFF) < 0) {
            belowCap++;
        }
        assertThat(s.backoff(belowCap)).isLessThan(RoundSettings.DEFAULT_MAX_BACKOFF);
        assertThat(s.backoff(belowCap + 1)).isEqualTo(RoundSettings.DEFAULT_MAX_BACKOFF);
        assertThat(s.backoff(Integer.MAX_VALUE)).isEqualTo(RoundSettings.DEFAULT_MAX_BACKOFF);
    }

    @Test
    void hostsAndPingsAreBounded() {
        RoundSettings s = RoundSettings.defaults();
        assertThat(s.hosts()).isEqualTo(RoundSettings.DEFAULT_HOSTS).isEqualTo(2);
        assertThat(s.withHosts(RoundSettings.MAX_HOSTS).hosts()).isEqualTo(RoundSettings.MAX_HOSTS);
        assertThatThrownBy(() -> s.withHosts(RoundSettings.MAX_HOSTS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withHosts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withPings(RoundSettings.MAX_PINGS).pings()).isEqualTo(RoundSettings.MAX_PINGS);
        assertThatThrownBy(() -> s.withPings(RoundSettings.MAX_PINGS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withRounds(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsListenOnTheirOwnPorts() {
        Multiaddr any = Multiaddr.parse("/ip4/0.0.0.0/tcp/0");
        assertThat(MeasurementRounds.listenFor(any, 3)).isEqualTo(any);
        Multiaddr fixed = Multiaddr.parse("/ip4/0.0.0.0/tcp/10000");
        assertThat(MeasurementRounds.listenFor(fixed, 0)).isEqualTo(fixed);
        assertThat(MeasurementRounds.listenFor(fixed, 2)).isEqualTo(Multiaddr.parse("/ip4/0.0.0.0/tcp/10002"));
        Multiaddr top = Multiaddr.parse("/ip6/::/tcp/" + (MeasurementRounds.MAX_PORT - 1));
        assertThat(MeasurementRounds.listenFor(top, 1)).isEqualTo(Multiaddr.parse("/ip6/::/tcp/" + MeasurementRounds.MAX_PORT));
        assertThatThrownBy(() -> MeasurementRounds.listenFor(top, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeasurementRounds.listenFor(Multiaddr.parse("/ip4/0.0.0.0/udp/4001/quic-v1"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
