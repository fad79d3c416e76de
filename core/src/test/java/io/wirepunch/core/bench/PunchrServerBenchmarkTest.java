package io.wirepunch.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server benchmark, run short on the embedded store: every call stored, none refused by a key's rate limit. */
class PunchrServerBenchmarkTest {
    @Test
    void aShortRunStoresEveryCallAndCountsThem() throws Exception {
        Map<String, Object> r = new PunchrServerBenchmark(Optional.empty(), 2, Duration.ofSeconds(1)).run();
        assertThat(r.get("store")).isEqualTo("embedded-h2");
        assertThat((Long) r.get("ok")).isPositive();
        assertThat(r.get("failed")).isEqualTo(0L);
        assertThat((Double) r.get("trackPerSecond")).isPositive();
        assertThat((Double) r.get("p99Ms")).isGreaterThanOrEqualTo((Double) r.get("p50Ms"));
    }
}
