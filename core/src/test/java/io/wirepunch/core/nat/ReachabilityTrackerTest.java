package io.wirepunch.core.nat;

import static io.wirepunch.core.nat.Reachability.PRIVATE;
import static io.wirepunch.core.nat.Reachability.PUBLIC;
import static io.wirepunch.core.nat.Reachability.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReachabilityTrackerTest {
    private final ReachabilityTracker tracker = new ReachabilityTracker();

    @Test
    void theFirstVerdictDecidesAnUnknownStatus() {
        assertThat(tracker.status()).isEqualTo(UNKNOWN);
        assertThat(tracker.record(UNKNOWN)).isEmpty();
        assertThat(tracker.record(PRIVATE)).contains(PRIVATE);
        assertThat(tracker.confidence()).isZero();
    }

    @Test
    void agreeingVerdictsRaiseTheConfidenceUpToTheMaximum() {
        tracker.record(PUBLIC);
        for (int i = 1; i <= ReachabilityTracker.MAX_CONFIDENCE + 2; i++) {
            assertThat(tracker.record(PUBLIC)).isEmpty();
            assertThat(tracker.confidence()).isEqualTo(Math.min(i, ReachabilityTracker.MAX_CONFIDENCE));
        }
    }

    @Test
    void aSettledStatusFlipsOnlyAfterMaxConfidencePlusOneContraryVerdicts() {
        tracker.record(PUBLIC);
        for (int i = 0; i < ReachabilityTracker.MAX_CONFIDENCE; i++) {
            tracker.record(PUBLIC);
        }
        for (int i = 0; i < ReachabilityTracker.MAX_CONFIDENCE; i++) {
            assertThat(tracker.record(PRIVATE)).isEmpty();
            assertThat(tracker.status()).isEqualTo(PUBLIC);
        }
        assertThat(tracker.record(PRIVATE)).contains(PRIVATE);
        assertThat(tracker.confidence()).isZero();
        // And back: at zero confidence one contrary verdict is enough.
        assertThat(tracker.record(PUBLIC)).contains(PUBLIC);
    }

    @Test
    void failedProbesWearTheConfidenceDownThenMakeTheStatusUnknown() {
        tracker.record(PRIVATE);
        tracker.record(PRIVATE);
        assertThat(tracker.confidence()).isEqualTo(1);
        assertThat(tracker.record(UNKNOWN)).isEmpty();
        assertThat(tracker.status()).isEqualTo(PRIVATE);
        assertThat(tracker.record(UNKNOWN)).contains(UNKNOWN);
        assertThat(tracker.record(UNKNOWN)).isEmpty();
    }

    @Test
    void changedAddressesTakeTheStatusOffItsMaximum() {
        tracker.record(PUBLIC);
        tracker.addressesChanged();
        assertThat(tracker.confidence()).isZero();
        for (int i = 0; i < ReachabilityTracker.MAX_CONFIDENCE; i++) {
            tracker.record(PUBLIC);
        }
        tracker.addressesChanged();
        assertThat(tracker.confidence()).isEqualTo(ReachabilityTracker.MAX_CONFIDENCE - 1);
    }
}
