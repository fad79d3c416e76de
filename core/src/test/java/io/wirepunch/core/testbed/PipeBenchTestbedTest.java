package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirepunch.core.bench.PipeBenchmark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench pipe} small (two runs, 4 MiB, eim-eim) through the namespace testbed: every run
 * connects directly, the median is computed, and both directions arrive byte-exact at a positive
 * rate, as raw TCP does.
 */
class PipeBenchTestbedTest {
    private static final int RUNS = 2;
    private static final long BYTES = 4L << 20;

    @Test
    void smallRunThroughEndpointIndependentNats() throws Exception {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
        List<String> lines = new ArrayList<>();
        List<PipeBenchmark.PairingResult> results = new PipeBenchmark(Testbed.script(), BYTES, RUNS, List.of("eim-eim"),
                line -> {
                    lines.add(line);
                    System.out.println(line);
                }).run();

        assertThat(results).hasSize(1);
        PipeBenchmark.PairingResult r = results.get(0);
        assertThat(r.failures()).as(String.join("\n", lines)).isZero();
        assertThat(r.paths()).hasSize(RUNS).containsOnly("direct");
        assertThat(r.connectMs()).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(r.connectMedianMs()).isPresent();
        assertThat(r.connectMedianMs().getAsDouble()).isBetween(
                r.connectMs().stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                r.connectMs().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertThat(r.jvmStartMs()).hasSize(RUNS).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(r.throughputs()).extracting(PipeBenchmark.Throughput::direction)
                .containsExactly(PipeBenchmark.Direction.B_TO_A, PipeBenchmark.Direction.A_TO_B);
        assertThat(r.throughputs()).allSatisfy(t -> {
            assertThat(t.path()).isEqualTo("direct");
            assertThat(t.exact()).isTrue();
            assertThat(t.rawExact()).isTrue();
            assertThat(t.pipeMBps()).isPositive();
            assertThat(t.rawMBps()).isPositive();
        });
        assertThat(lines).filteredOn(l -> l.contains("\"measure\":\"connect\"")).hasSize(RUNS);
        assertThat(lines).anyMatch(l -> l.startsWith("| eim-eim | direct 2/2 |"));
    }
}
