package io.wirepunch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    private final NotificationThrottle throttle = new NotificationThrottle();

    private static EngineEvent.PeerJoined joined(String network) {
        return new EngineEvent.PeerJoined(PeerId.fromPublicKey(Ed25519Keys.generate().publicKey()), network);
    }

    @Test
    void theIntervalIsTenSeconds() {
        assertThat(NotificationThrottle.MIN_INTERVAL).hasSeconds(10);
    }

    @Test
    void theFirstJoinShowsAtOnceAndABurstAfterItBecomesOneNotification() {
        EngineEvent.PeerJoined first = joined("home");
        Optional<Notification> now = throttle.offer(first, T0);
        assertThat(now).isPresent();
        assertThat(now.get().summary()).isEqualTo("A peer joined");
        assertThat(now.get().body()).isEqualTo("…" + tail(first.peer()) + " joined \"home\" with your invitation.");

        EngineEvent.PeerJoined a = joined("home");
        EngineEvent.PeerJoined b = joined("home");
        EngineEvent.PeerJoined c = joined("home");
        assertThat(throttle.offer(a, T0.plusSeconds(1))).isEmpty();
        assertThat(throttle.offer(b, T0.plusSeconds(2))).isEmpty();
        assertThat(throttle.offer(c, T0.plusSeconds(3))).isEmpty();
        assertThat(throttle.nextDue()).contains(T0.plus(NotificationThrottle.MIN_INTERVAL));
        assertThat(throttle.due(T0.plus(NotificationThrottle.MIN_INTERVAL).minusMillis(1))).as("not before the interval ends").isEmpty();

        var burst = throttle.due(T0.plus(NotificationThrottle.MIN_INTERVAL));
        assertThat(burst).hasSize(1);
        assertThat(burst.get(0).summary()).isEqualTo("3 peers joined");
        assertThat(burst.get(0).body()).isEqualTo("…" + tail(a.peer()) + ", …" + tail(b.peer()) + " and …" + tail(c.peer())
                + " joined \"home\" with your invitations.");
        assertThat(throttle.nextDue()).isEmpty();
    }

    @Test
    void aLongBurstNamesAFewAndCountsTheRest() {
        throttle.offer(joined("home"), T0);
        for (int i = 0; i < 50; i++) {
            throttle.offer(joined(i % 2 == 0 ? "home" : "work"), T0.plusMillis(i));
        }
        Notification n = throttle.due(T0.plusSeconds(60)).get(0);
        assertThat(n.summary()).isEqualTo("50 peers joined");
        assertThat(n.body()).contains(" and " + (50 - NotificationText.PEERS_NAMED) + " more joined your networks");
    }

    @Test
    void afterAQuietIntervalAJoinShowsAtOnceAgain() {
        assertThat(throttle.offer(joined("home"), T0)).isPresent();
        assertThat(throttle.offer(joined("home"), T0.plus(NotificationThrottle.MIN_INTERVAL))).isPresent();
        assertThat(throttle.offer(joined("home"), T0.plus(NotificationThrottle.MIN_INTERVAL).plusSeconds(1))).isEmpty();
    }

    @Test
    void relayLimitsAreThrottledApartFromJoinsAndTheWorstIsTold() {
        assertThat(throttle.offer(joined("home"), T0)).isPresent();
        Optional<Notification> soft = throttle.offer(new EngineEvent.RelayLimitReached(UsageState.SOFT, 0.9), T0.plusSeconds(1));
        assertThat(soft).isPresent();
        assertThat(soft.get().summary()).isEqualTo("Relay soft limit reached");
        assertThat(soft.get().body()).contains("new reservations and circuits are refused");

        assertThat(throttle.offer(new EngineEvent.RelayLimitReached(UsageState.HARD, 0.97), T0.plusSeconds(2))).isEmpty();
        assertThat(throttle.offer(new EngineEvent.RelayLimitReached(UsageState.OK, 0.1), T0.plusSeconds(3))).isEmpty();
        var later = throttle.due(T0.plusSeconds(11));
        assertThat(later).extracting(Notification::summary).containsExactly("Relay hard limit reached");
        assertThat(later.get(0).body()).contains("its circuits are closed");
    }

    @Test
    void otherEventsAreNotWorthANotification() {
        assertThat(throttle.offer(new EngineEvent.DownRequested(), T0)).isEmpty();
        assertThat(throttle.offer(new EngineEvent.RelayLimitReached(UsageState.OK, 0.1), T0)).isEmpty();
        assertThat(throttle.nextDue()).isEmpty();
    }

    private static String tail(PeerId peer) {
        String text = peer.toBase58();
        return text.substring(text.length() - 8);
    }
}
