package io.wirepunch.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.BootstrapStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BootstrapWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void tellsEachChangeOfStatusOnceAndNothingAfterStop() throws Exception {
        AtomicReference<BootstrapState> state = new AtomicReference<>(of(BootstrapStatus.JOINING, 0));
        BootstrapWatch watch = new BootstrapWatch(state::get, "test");
        List<BootstrapStatus> seen = new CopyOnWriteArrayList<>();
        try (Subscription s = watch.subscribe(st -> seen.add(st.status()))) {
            watch.start();
            await().atMost(WAIT).until(() -> seen.size() == 1);
            state.set(new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE, Optional.of(Instant.EPOCH), 1));
            await().atMost(WAIT).until(() -> seen.size() == 2);
            // Another failed attempt is no change of status.
            state.set(new BootstrapState(BootstrapStatus.NO_PEER_REACHABLE, Optional.of(Instant.EPOCH), 2));
            Thread.sleep(BootstrapWatch.POLL_INTERVAL.multipliedBy(5).toMillis());
            state.set(of(BootstrapStatus.JOINED, 0));
            await().atMost(WAIT).until(() -> seen.size() == 3);
            watch.stop();
            state.set(of(BootstrapStatus.JOINING, 0));
            Thread.sleep(BootstrapWatch.POLL_INTERVAL.multipliedBy(5).toMillis());
        }
        assertThat(seen).containsExactly(BootstrapStatus.JOINING, BootstrapStatus.NO_PEER_REACHABLE,
                BootstrapStatus.JOINED);
    }

    private static BootstrapState of(BootstrapStatus status, int failures) {
        return new BootstrapState(status, Optional.empty(), failures);
    }
}
