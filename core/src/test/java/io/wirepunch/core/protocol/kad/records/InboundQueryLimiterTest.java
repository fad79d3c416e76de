package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.records.Fixtures.T0;
import static io.wirepunch.core.protocol.kad.records.Fixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundQueryLimiterTest {
    private final FakeClock clock = new FakeClock();
    private final InboundQueryLimiter limiter = new InboundQueryLimiter(clock);

    private int acquireAll(PeerId peer, Instant now) {
        int granted = 0;
        while (limiter.tryAcquire(peer, now)) {
            granted++;
            if (granted > 10 * InboundQueryLimiter.DEFAULT_BURST) {
                throw new AssertionError("bucket never ran dry");
            }
        }
        return granted;
    }

    @Test
    void burstIsGrantedAndTheNextQueryIsRefused() {
        assertThat(acquireAll(peer(1), T0)).isEqualTo(InboundQueryLimiter.DEFAULT_BURST);
        assertThat(limiter.tryAcquire(peer(1), T0)).isFalse();
    }

    @Test
    void tokensRefillAtTheRate() {
        acquireAll(peer(1), T0);
        // 10 per second: one token every 100 ms.
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(99))).isFalse();
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(100))).isTrue();
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(100))).isFalse();
        // 250 ms more: 2.5 tokens, two granted and half a token left over...
        assertThat(acquireAll(peer(1), T0.plusMillis(350))).isEqualTo(2);
        // ...which 50 ms more make whole.
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(399))).isFalse();
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(400))).isTrue();
    }

    @Test
    void refillStopsAtTheBurst() {
        acquireAll(peer(1), T0);
        assertThat(acquireAll(peer(1), T0.plus(Duration.ofDays(365 * 1000)))).isEqualTo(InboundQueryLimiter.DEFAULT_BURST);
    }

    @Test
    void clockSteppingBackRefillsNothing() {
        acquireAll(peer(1), T0);
        assertThat(limiter.tryAcquire(peer(1), T0.minusSeconds(60))).isFalse();
        assertThat(limiter.tryAcquire(peer(1), T0.plusMillis(100))).isTrue();
    }

    @Test
    void peersHaveTheirOwnBuckets() {
        acquireAll(peer(1), T0);
        assertThat(limiter.tryAcquire(peer(2), T0)).isTrue();
    }

    @Test
    void customRateAndBurstAreHonoured() {
        InboundQueryLimiter slow = new InboundQueryLimiter(clock, 0.5, 2, 10);
        assertThat(slow.tryAcquire(peer(1), T0)).isTrue();
        assertThat(slow.tryAcquire(peer(1), T0)).isTrue();
        assertThat(slow.tryAcquire(peer(1), T0.plusMillis(1999))).isFalse();
        assertThat(slow.tryAcquire(peer(1), T0.plusSeconds(2))).isTrue();
    }

    @Test
    void trackedPeersAreBoundedAndTheIdlestIsForgotten() {
        int max = InboundQueryLimiter.DEFAULT_MAX_TRACKED_PEERS;
        acquireAll(peer(0), T0);
        for (int i = 1; i < max - 1; i++) {
            limiter.tryAcquire(peer(i), T0);
        }
        PeerId busy = peer(max - 1);
        acquireAll(busy, T0);
        assertThat(limiter.trackedPeers()).isEqualTo(max);

        limiter.tryAcquire(peer(max), T0);
        assertThat(limiter.trackedPeers()).isEqualTo(max);
        // peer 0 was the idlest, so it was forgotten and starts afresh; the busy one was not.
        assertThat(limiter.tryAcquire(peer(0), T0)).isTrue();
        assertThat(limiter.tryAcquire(busy, T0)).isFalse();
        assertThat(limiter.trackedPeers()).isEqualTo(max);
    }

    @Test
    void clockOverloadUsesTheInjectedClock() {
        for (int i = 0; i < InboundQueryLimiter.DEFAULT_BURST; i++) {
            limiter.tryAcquire(peer(1));
        }
        assertThat(limiter.tryAcquire(peer(1))).isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire(peer(1))).isTrue();
    }
}
