package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.engine.EngineSnapshot.Counts;
import io.wirepunch.core.engine.EngineSnapshot.State;
import io.wirepunch.core.engine.EngineSnapshot.Status;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.BootstrapStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Counts FOURTEEN = new Counts(14, 2, 12);

    @Test
    void participatingCountsPeersAndDirectOnes() {
        assertThat(StatusLine.of(true, Optional.empty(), FOURTEEN, NOW))
                .isEqualTo(new Status(State.PARTICIPATING, "Participating · 14 peers · 2 direct"));
        assertThat(StatusLine.of(true, Optional.of(new BootstrapState(BootstrapStatus.JOINED, Optional.empty(), 0)),
                new Counts(1, 1, 0), NOW)).isEqualTo(new Status(State.PARTICIPATING, "Participating · 1 peer · 1 direct"));
    }

    @Test
    void pausedWinsOverEverythingElse() {
        BootstrapState down = new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE, Optional.of(NOW.plusSeconds(5)), 2);
        assertThat(StatusLine.of(false, Optional.of(down), FOURTEEN, NOW))
                .isEqualTo(new Status(State.PAUSED, "Paused · 14 peers"));
    }

    @Test
    void noPeerReachableSaysWhenItRetriesRoundedUp() {
        BootstrapState down = new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE,
                Optional.of(NOW.plus(Duration.ofMillis(29_200))), 3);
        assertThat(StatusLine.of(true, Optional.of(down), new Counts(0, 0, 0), NOW))
                .isEqualTo(new Status(State.CONNECTING, "No network, retrying in 30 s"));
        BootstrapState overdue = new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE, Optional.of(NOW.minusSeconds(1)), 3);
        assertThat(StatusLine.of(true, Optional.of(overdue), new Counts(0, 0, 0), NOW).line())
                .isEqualTo("No network, retrying in 0 s");
        BootstrapState unknown = new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE, Optional.empty(), 1);
        assertThat(StatusLine.of(true, Optional.of(unknown), new Counts(0, 0, 0), NOW).line())
                .isEqualTo("No network, retrying");
    }

    @Test
    void joiningIsConnecting() {
        BootstrapState joining = new BootstrapState(BootstrapStatus.JOINING, Optional.empty(), 0);
        assertThat(StatusLine.of(true, Optional.of(joining), new Counts(2, 0, 2), NOW))
                .isEqualTo(new Status(State.CONNECTING, "Joining the network · 2 peers"));
    }
}
