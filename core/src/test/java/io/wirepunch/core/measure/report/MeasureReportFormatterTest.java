package io.wirepunch.core.measure.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.measure.store.Report;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report as text tables and as JSON. */
class MeasureReportFormatterTest {
    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Report REPORT = new Report(SINCE, 8,
            Map.of("SUCCESS", 5, "FAILED", 2, "NO_STREAM", 1),
            Map.of("tcp", Map.of("SUCCESS", 4, "FAILED", 2, "NO_STREAM", 1), "quic", Map.of("SUCCESS", 1)),
            Map.of("ENDPOINT_INDEPENDENT/UNKNOWN", Map.of("SUCCESS", 5, "FAILED", 2, "NO_STREAM", 1)),
            Map.of(1, 4, 3, 1));

    @Test
    void theTextHasTheTotalsTheBreakdownsAndTheAttempts() {
        String text = MeasureReportFormatter.text(REPORT);

        assertThat(text).startsWith("Hole punches since 2026-11-01T00:00:00Z: 8, success rate 62.5 %\n");
        assertThat(text).contains("OUTCOME    COUNT   SHARE\n"
                + "NO_STREAM      1  12.5 %\n"
                + "FAILED         2  25.0 %\n"
                + "SUCCESS        5  62.5 %\n");
        assertThat(text).contains("TRANSPORT  NO_STREAM  FAILED  SUCCESS  TOTAL  SUCCESS RATE\n"
                + "quic               0       0        1      1       100.0 %\n"
                + "tcp                1       2        4      7        57.1 %\n");
        assertThat(text).contains("NAT PAIRING" + " ".repeat(28 - 11) + "  NO_STREAM  FAILED  SUCCESS  TOTAL  SUCCESS RATE\n"
                + "ENDPOINT_INDEPENDENT/UNKNOWN          1       2        5      8        62.5 %\n");
        assertThat(text).endsWith("SUCCEEDED ON ATTEMPT  COUNT\n"
                + "1                         4\n"
                + "3                         1\n");
    }

    @Test
    void anEmptyReportIsOneLine() {
        Report empty = new Report(SINCE, 0, Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(MeasureReportFormatter.text(empty))
                .isEqualTo("Hole punches since 2026-11-01T00:00:00Z: 0, success rate 0.0 %\n");
        assertThat(MeasureReportFormatter.json(empty).get("byOutcome").size()).isZero();
    }

    @Test
    void theJsonHasTheSameNumbers() {
        ObjectNode json = MeasureReportFormatter.json(REPORT);

        assertThat(json.get("since").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(json.get("total").asInt()).isEqualTo(8);
        assertThat(json.get("successRate").asDouble()).isEqualTo(0.625);
        assertThat(json.get("byOutcome").get("FAILED").asInt()).isEqualTo(2);
        assertThat(json.get("byTransport").get("tcp").get("SUCCESS").asInt()).isEqualTo(4);
        assertThat(json.get("byNatPairing").get("ENDPOINT_INDEPENDENT/UNKNOWN").get("NO_STREAM").asInt()).isEqualTo(1);
        assertThat(json.get("successfulAttempt").get("3").asInt()).isEqualTo(1);
        assertThat(json.toString()).startsWith("{\"since\":\"2026-11-01T00:00:00Z\",\"total\":8,\"successRate\":0.625,"
                + "\"byOutcome\":{\"FAILED\":2,\"NO_STREAM\":1,\"SUCCESS\":5}");
    }

    @Test
    void outcomesComeInPunchrsOrderThenOthersByName() {
        Report r = new Report(SINCE, 3, Map.of("ZZZ", 1, "SUCCESS", 1, "NO_CONNECTION", 1), Map.of(), Map.of(), Map.of());
        assertThat(MeasureReportFormatter.outcomes(r)).containsExactly("NO_CONNECTION", "SUCCESS", "ZZZ");
    }
}
