package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageAccountantTest {
    private static final long MIB = ByteSize.MB;
    private static final long SOFT = 943_719;
    private static final long HARD = 975_176;
    private static final Period PERIOD = Period.startingAt(FakeClock.START, Duration.ofDays(30));

    private final PeerId a = peer(1);
    private final PeerId b = peer(2);
    private final PeerId c = peer(3);
    private final List<UsageEvent> events = new ArrayList<>();

    private UsageAccountant accountant(long globalLimit, long peerLimit) {
        EventBus<UsageEvent> bus = new EventBus<>();
        bus.subscribe(events::add);
        return new UsageAccountant(UsageLimit.of(globalLimit), UsageLimit.of(peerLimit), PERIOD, UsageTotals.EMPTY,
                UsageAccountant.DEFAULT_MAX_TRACKED_PEERS, bus);
    }

    @Test
    void aGlobalLimitOfOneMebibyteRefusesFromNinetyPercentAndClosesFromNinetyThree() {
        UsageAccountant usage = accountant(MIB, 0);

        assertThat(usage.record(a, b, SOFT - 1)).isEqualTo(UsageState.OK);
        assertThat(usage.admitReservation(c)).isEqualTo(Admission.ADMIT);
        assertThat(usage.admitCircuit(a, b)).isEqualTo(Admission.ADMIT);
        assertThat(events).isEmpty();

        assertThat(usage.record(a, b, 1)).isEqualTo(UsageState.SOFT);
        assertThat(usage.admitReservation(c)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
        assertThat(usage.admitCircuit(c, a)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
        assertThat(usage.mustClose(a, b)).isFalse();
        assertThat(events).containsExactly(new UsageEvent.SoftLimitReached(Optional.empty(), SOFT, MIB));

        assertThat(usage.record(a, b, HARD - SOFT - 1)).isEqualTo(UsageState.SOFT);
        assertThat(usage.mustClose(a, b)).isFalse();
        assertThat(usage.record(b, a, 1)).isEqualTo(UsageState.HARD);
        assertThat(usage.mustClose(a, c)).isTrue();
        assertThat(usage.globalState()).isEqualTo(UsageState.HARD);
        assertThat(events).containsExactly(
                new UsageEvent.SoftLimitReached(Optional.empty(), SOFT, MIB),
                new UsageEvent.HardLimitReached(Optional.empty(), HARD, MIB));
        assertThat(((UsageEvent.HardLimitReached) events.get(1)).global()).isTrue();

        assertThat(usage.record(a, b, 1000)).isEqualTo(UsageState.HARD);
        assertThat(events).hasSize(2);
    }

    @Test
    void aPeerLimitRefusesThatPeerAsEitherEndAndNoOneElse() {
        UsageAccountant usage = accountant(0, MIB);

        usage.record(a, b, SOFT - 1);
        assertThat(usage.admitReservation(a)).isEqualTo(Admission.ADMIT);
        assertThat(usage.state(b)).isEqualTo(UsageState.OK);

        assertThat(usage.record(a, c, 1)).isEqualTo(UsageState.SOFT);
        assertThat(usage.admitReservation(a)).isEqualTo(Admission.REFUSED_PEER_LIMIT);
        assertThat(usage.admitCircuit(a, c)).isEqualTo(Admission.REFUSED_PEER_LIMIT);
        assertThat(usage.admitCircuit(c, a)).isEqualTo(Admission.REFUSED_PEER_LIMIT);
        assertThat(usage.admitCircuit(c, b)).isEqualTo(Admission.ADMIT);
        assertThat(usage.admitReservation(b)).isEqualTo(Admission.ADMIT);
        assertThat(usage.state(a)).isEqualTo(UsageState.SOFT);
        assertThat(usage.globalState()).isEqualTo(UsageState.OK);
        assertThat(events).containsExactly(new UsageEvent.SoftLimitReached(Optional.of(a), SOFT, MIB));

        assertThat(usage.record(c, a, HARD - SOFT - 1)).isEqualTo(UsageState.SOFT);
        assertThat(usage.mustClose(c, a)).isFalse();
        assertThat(usage.record(c, a, 1)).isEqualTo(UsageState.HARD);
        assertThat(usage.mustClose(c, a)).isTrue();
        assertThat(usage.mustClose(c, b)).isFalse();
        assertThat(events).last().isEqualTo(new UsageEvent.HardLimitReached(Optional.of(a), HARD, MIB));
    }

    @Test
    void theGlobalLimitBindsBeforeAPeerLimitAndTheRefusalSaysWhich() {
        UsageAccountant usage = accountant(MIB, 10 * MIB);
        usage.record(a, b, SOFT);
        assertThat(usage.admitReservation(a)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
        assertThat(usage.state(a)).isEqualTo(UsageState.SOFT);
    }

    @Test
    void oneLargeChunkAcrossBothThresholdsPublishesBothInOrder() {
        UsageAccountant usage = accountant(MIB, 0);
        assertThat(usage.record(a, b, MIB)).isEqualTo(UsageState.HARD);
        assertThat(events).containsExactly(
                new UsageEvent.SoftLimitReached(Optional.empty(), MIB, MIB),
                new UsageEvent.HardLimitReached(Optional.empty(), MIB, MIB));
    }

    @Test
    void aByteCountsOnceGloballyAndOnceAgainstEachEnd() {
        UsageAccountant usage = accountant(0, 0);
        usage.record(a, b, 100);
        usage.record(b, a, 20);
        usage.record(a, c, 3);
        usage.record(a, a, 1000);

        UsageTotals totals = usage.totals();
        assertThat(totals.networkBytes()).isEqualTo(1123);
        assertThat(totals.bytesOf(a)).isEqualTo(1123);
        assertThat(totals.bytesOf(b)).isEqualTo(120);
        assertThat(totals.bytesOf(c)).isEqualTo(3);
        assertThat(totals.bytesOf(peer(99))).isZero();
    }

    @Test
    void zeroBytesChangeNothingAndNegativeOnesAreRefused() {
        UsageAccountant usage = accountant(MIB, MIB);
        assertThat(usage.record(a, b, 0)).isEqualTo(UsageState.OK);
        assertThat(usage.totals().networkBytes()).isZero();
        assertThatThrownBy(() -> usage.record(a, b, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pastTheTrackedPeersTheLeastUsedIsFoldedIntoOthersAndTheGlobalCountKeepsEveryByte() {
        UsageAccountant usage = accountant(0, MIB);
        PeerId hub = peer(0);
        int tracked = UsageAccountant.DEFAULT_MAX_TRACKED_PEERS;
        for (int i = 1; i < tracked; i++) {
            usage.record(hub, peer(i), 10 + i);
        }
        assertThat(usage.snapshot().trackedPeers()).isEqualTo(tracked);
        assertThat(usage.snapshot().otherPeersBytes()).isZero();
        long networkBefore = usage.totals().networkBytes();

        PeerId newcomer = peer(tracked);
        usage.record(hub, newcomer, 5);

        UsageTotals totals = usage.totals();
        assertThat(totals.peerBytes()).hasSize(tracked).containsKey(newcomer).doesNotContainKey(peer(1));
        assertThat(totals.otherPeersBytes()).isEqualTo(11);
        assertThat(totals.networkBytes()).isEqualTo(networkBefore + 5);
        long named = totals.peerBytes().values().stream().mapToLong(Long::longValue).sum();
        assertThat(named + totals.otherPeersBytes()).isEqualTo(2 * totals.networkBytes());

        usage.record(hub, peer(1), 1);
        assertThat(usage.totals().bytesOf(peer(1))).as("a folded peer that returns counts afresh").isEqualTo(1);
        assertThat(usage.totals().peerBytes()).hasSize(tracked);
    }

    @Test
    void theSnapshotNamesTheMostUsedPeersFirst() {
        UsageAccountant usage = accountant(MIB, MIB);
        PeerId hub = peer(0);
        for (int i = 1; i <= UsageAccountant.TOP_PEERS + 1; i++) {
            usage.record(hub, peer(i), 1000L * i);
        }
        UsageSnapshot snapshot = usage.snapshot();

        assertThat(snapshot.period()).isEqualTo(PERIOD);
        assertThat(snapshot.globalBytes()).isEqualTo(66_000);
        assertThat(snapshot.globalLimit()).isEqualTo(MIB);
        assertThat(snapshot.globalFraction()).isEqualTo(66_000.0 / MIB);
        assertThat(snapshot.globalState()).isEqualTo(UsageState.OK);
        assertThat(snapshot.peerLimit()).isEqualTo(MIB);
        assertThat(snapshot.trackedPeers()).isEqualTo(UsageAccountant.TOP_PEERS + 2);
        assertThat(snapshot.topPeers()).hasSize(UsageAccountant.TOP_PEERS);
        assertThat(snapshot.topPeers().get(0)).isEqualTo(new PeerUsage(hub, 66_000, 66_000.0 / MIB, UsageState.OK));
        assertThat(snapshot.topPeers().get(1).peer()).isEqualTo(peer(UsageAccountant.TOP_PEERS + 1));
        assertThat(snapshot.topPeers()).extracting(PeerUsage::peer).doesNotContain(peer(1), peer(2));
    }

    @Test
    void aRolloverReturnsTheEndedCountsAndStartsFromZero() {
        UsageAccountant usage = accountant(MIB, MIB);
        usage.record(a, b, HARD);
        Period next = new Period(PERIOD.end(), PERIOD.end().plus(PERIOD.length()));

        UsageTotals ended = usage.rollOver(next);

        assertThat(ended.networkBytes()).isEqualTo(HARD);
        assertThat(ended.bytesOf(a)).isEqualTo(HARD);
        assertThat(usage.period()).isEqualTo(next);
        assertThat(usage.totals()).isEqualTo(UsageTotals.EMPTY);
        assertThat(usage.admitCircuit(a, b)).isEqualTo(Admission.ADMIT);
        events.clear();
        usage.record(a, b, SOFT);
        assertThat(events).as("thresholds are crossed afresh in each period").hasSize(3);
    }

    @Test
    void restoredCountsKeepTheirStateWithoutNewEvents() {
        EventBus<UsageEvent> bus = new EventBus<>();
        bus.subscribe(events::add);
        UsageTotals restored = new UsageTotals(SOFT, java.util.Map.of(a, SOFT, b, 10L), 0);
        UsageAccountant usage = new UsageAccountant(UsageLimit.of(MIB), UsageLimit.of(MIB), PERIOD, restored, 16, bus);

        assertThat(usage.admitReservation(c)).isEqualTo(Admission.REFUSED_GLOBAL_LIMIT);
        assertThat(usage.state(a)).isEqualTo(UsageState.SOFT);
        usage.record(a, b, HARD - SOFT);
        assertThat(events).containsExactly(
                new UsageEvent.HardLimitReached(Optional.empty(), HARD, MIB),
                new UsageEvent.HardLimitReached(Optional.of(a), HARD, MIB));
    }

    @Test
    void thePublicConstructorTakesTheLimitsOfTheConfig() {
        UsageAccountant usage = new UsageAccountant(NetworkUsageConfig.DEFAULTS.withLimits(MIB, 0), PERIOD);
        assertThat(usage.globalLimit().bytes()).isEqualTo(MIB);
        assertThat(usage.peerLimit().unlimited()).isTrue();
        List<UsageEvent> seen = new ArrayList<>();
        usage.subscribe(seen::add);
        usage.record(a, b, MIB);
        assertThat(seen).hasSize(2);
    }
}
