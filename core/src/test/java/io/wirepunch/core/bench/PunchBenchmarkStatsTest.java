package io.wirepunch.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PunchBenchmarkStatsTest {
    private static String record(String outcome, String timeToDirect, int... attemptOutcomeIsSuccess) {
        StringBuilder attempts = new StringBuilder();
        for (int i = 0; i < attemptOutcomeIsSuccess.length; i++) {
            if (i > 0) {
                attempts.append(',');
            }
            attempts.append("{\"number\":").append(i + 1).append(",\"outcome\":\"")
                    .append(attemptOutcomeIsSuccess[i] == 1 ? "SUCCESS" : "FAILED").append("\"}");
        }
        return "{\"outcome\":\"" + outcome + "\",\"role\":\"RESPONDER\",\"timeToDirectMs\":" + timeToDirect
                + ",\"attempts\":[" + attempts + "],\"error\":null}";
    }

    @Test
    void readsTheRecordLineAmongOtherOutput() {
        PunchResult r = PunchResult.parse("some warning\n" + record("SUCCESS", "45.5", 1) + "\n");
        assertThat(r.success()).isTrue();
        assertThat(r.timeToDirectMs()).hasValue(45.5);
        assertThat(r.firstAttempt()).isTrue();
        assertThat(r.relayMBps()).isEmpty();
    }

    @Test
    void successOnALaterAttemptIsNotFirstAttempt() {
        PunchResult r = PunchResult.parse(record("SUCCESS", "900", 0, 1));
        assertThat(r.firstAttempt()).isFalse();
    }

    @Test
    void noRecordIsNoOutput() {
        assertThat(PunchResult.parse("").outcome()).isEqualTo(PunchResult.NO_OUTPUT);
        assertThat(PunchResult.parse("{not json\n{\"x\":1}").outcome()).isEqualTo(PunchResult.NO_OUTPUT);
    }

    @Test
    void readsThroughputFields() {
        String line = record("SUCCESS", "50", 1).replace("\"error\":null",
                "\"error\":null,\"relayPerfMBps\":20.5,\"directPerfMBps\":123.0");
        PunchResult r = PunchResult.parse(line);
        assertThat(r.relayMBps()).hasValue(20.5);
        assertThat(r.directMBps()).hasValue(123.0);
        assertThat(PunchBenchmark.throughputLine("eim-eim", r))
                .isEqualTo("throughput eim-eim: relay 20.5 MB/s, direct 123.0 MB/s, direct/relay 6.0×");
        String half = record("SUCCESS", "50", 1).replace("\"error\":null",
                "\"error\":null,\"relayPerfMBps\":null,\"directPerfMBps\":99.5,"
                        + "\"perfErrors\":{\"relay\":\"no open relay connection to the peer\"}");
        assertThat(PunchBenchmark.throughputLine("eim-eim", PunchResult.parse(half))).isEqualTo(
                "throughput eim-eim: relay n/a, direct 99.5 MB/s (relay: no open relay connection to the peer)");
        assertThat(PunchBenchmark.throughputLine("eim-eim", PunchResult.parse(record("FAILED", "null", 0))))
                .isEqualTo("throughput eim-eim: not measured, the hole punch for it ended FAILED");
    }

    @Test
    void nearestRankPercentiles() {
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(PunchStats.percentile(ten, 50)).hasValue(5);
        assertThat(PunchStats.percentile(ten, 90)).hasValue(9);
        assertThat(PunchStats.percentile(new double[] {7}, 90)).hasValue(7);
        assertThat(PunchStats.percentile(new double[0], 50)).isEmpty();
    }

    @Test
    void pairingLine() {
        List<PunchResult> results = new ArrayList<>();
        for (int ms = 10; ms <= 100; ms += 10) {
            results.add(PunchResult.parse(record("SUCCESS", Integer.toString(ms), ms == 100 ? new int[] {0, 1} : new int[] {1})));
        }
        results.add(PunchResult.parse(record("FAILED", "null", 0, 0, 0)));
        results.add(PunchResult.parse(record("NO_STREAM", "null")));
        results.add(PunchResult.parse(record("FAILED", "null", 0, 0, 0)));
        results.add(PunchResult.parse(""));
        PunchStats s = PunchStats.of(results);
        assertThat(s.line("eim-edm")).isEqualTo("punch eim-edm: 10/14 SUCCESS (71.4%), time to direct median 50 ms"
                + " p90 90 ms, first attempt 90%, outcomes {SUCCESS=10, FAILED=2, NO_OUTPUT=1, NO_STREAM=1}");
    }

    @Test
    void noSuccessesReadsNotApplicable() {
        PunchStats s = PunchStats.of(List.of(PunchResult.parse(record("FAILED", "null", 0, 0, 0))));
        assertThat(s.line("edm-edm")).isEqualTo(
                "punch edm-edm: 0/1 SUCCESS (0%), time to direct n/a, first attempt n/a, outcomes {FAILED=1}");
    }

    @Test
    void pairingsAreChecked() {
        assertThat(PunchBenchmark.parsePairings("eim-eim, UPNP-edm")).containsExactly("eim-eim", "upnp-edm");
        assertThatThrownBy(() -> PunchBenchmark.parsePairings("eim-full")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eim-full");
        assertThatThrownBy(() -> PunchBenchmark.parsePairings("eim")).isInstanceOf(IllegalArgumentException.class);
    }
}
