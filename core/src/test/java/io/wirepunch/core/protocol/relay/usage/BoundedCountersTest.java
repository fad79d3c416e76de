package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedCountersTest {
    @Test
    void restoredCountsBeyondTheBoundAreFoldedLeastUsedFirst() {
        BoundedCounters<String> counters = new BoundedCounters<>(2, Map.of("a", 5L, "b", 50L, "c", 500L), 1);
        assertThat(counters.read()).isEqualTo(new BoundedCounters.Counts<>(Map.of("b", 50L, "c", 500L), 6));
        assertThat(counters.size()).isEqualTo(2);
    }

    @Test
    void aSealedTableAddsNothingAndReportsIt() {
        BoundedCounters<String> counters = new BoundedCounters<>(2, Map.of(), 0);
        assertThat(counters.add("a", 3)).isEqualTo(3);
        assertThat(counters.add("a", 4)).isEqualTo(7);

        assertThat(counters.seal()).isEqualTo(new BoundedCounters.Counts<>(Map.of("a", 7L), 0));

        assertThat(counters.add("a", 1)).isEqualTo(SealableCounter.SEALED);
        assertThat(counters.add("new", 1)).isEqualTo(SealableCounter.SEALED);
        assertThat(counters.get("a")).isZero();
        assertThat(counters.read()).isEqualTo(new BoundedCounters.Counts<>(Map.of(), 0));
    }

    @Test
    void aFoldedKeyCountsAfreshWhenItReturns() {
        BoundedCounters<String> counters = new BoundedCounters<>(1, Map.of(), 0);
        counters.add("a", 10);
        counters.add("b", 1);
        assertThat(counters.read()).isEqualTo(new BoundedCounters.Counts<>(Map.of("b", 1L), 10));
        counters.add("a", 2);
        assertThat(counters.read()).isEqualTo(new BoundedCounters.Counts<>(Map.of("a", 2L), 11));
    }

    @Test
    void theBoundMustAllowOneKey() {
        assertThatThrownBy(() -> new BoundedCounters<>(0, Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSealableCounterSealsOnce() {
        SealableCounter counter = new SealableCounter(5);
        assertThat(counter.add(2)).isEqualTo(7);
        assertThat(counter.seal()).isEqualTo(7);
        assertThat(counter.seal()).isEqualTo(SealableCounter.SEALED);
        assertThat(counter.add(1)).isEqualTo(SealableCounter.SEALED);
        assertThatThrownBy(() -> new SealableCounter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
