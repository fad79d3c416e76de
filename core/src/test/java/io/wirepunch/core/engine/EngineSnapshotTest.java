package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.engine.EngineSnapshot.State;
import io.wirepunch.core.engine.EngineSnapshot.Status;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.holepunch.HolePunchRole;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EngineSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final PeerId REMOTE = Keys.generateEd25519().publicKey().peerId();

    private static HolePunchRecord punch(int second) {
        return new HolePunchRecord(REMOTE, Optional.empty(), HolePunchRole.INITIATOR, HolePunchOutcome.SUCCESS,
                Optional.empty(), T0.plusSeconds(second), T0.plusSeconds(second), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static EngineSnapshot withPunches(int n) {
        EngineSnapshot base = EngineSnapshot.before(T0, false, new Status(State.PARTICIPATING, "x"), true);
        return new EngineSnapshot(T0, false, Optional.empty(), base.status(), true, List.of(), base.counts(),
                IntStream.range(0, n).mapToObj(EngineSnapshotTest::punch).toList(), Optional.empty(), base.relayClient(),
                base.diagnostics(), Optional.empty());
    }

    @Test
    void aSnapshotCarriesTheLatestPunchesUpToItsLimit() {
        assertThat(withPunches(EngineSnapshot.RECENT_PUNCHES).recentPunches()).hasSize(EngineSnapshot.RECENT_PUNCHES);

        List<HolePunchRecord> kept = withPunches(EngineSnapshot.RECENT_PUNCHES + 1).recentPunches();

        assertThat(kept).hasSize(EngineSnapshot.RECENT_PUNCHES);
        assertThat(kept.get(0).startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(kept.get(kept.size() - 1).startedAt()).isEqualTo(T0.plusSeconds(EngineSnapshot.RECENT_PUNCHES));
    }

    @Test
    void snapshotsThatDifferOnlyInTimeAreTheSame() {
        EngineSnapshot a = withPunches(1);
        EngineSnapshot later = a.withAt(T0.plusSeconds(5));

        assertThat(later).isNotEqualTo(a);
        assertThat(later.withAt(a.at())).isEqualTo(a);
    }
}
