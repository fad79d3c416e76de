package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code bench relay} with tiny sizes: one JSON line with every figure present and sane. */
@Timeout(120)
class BenchCommandRelayTest {
    private static final int RESERVATIONS = 3;
    /** More than one destination's per-peer share, so circuits spread over two destinations. */
    private static final int CIRCUITS = 18;

    @Test
    void printsDirectAndRelayedThroughputAndWhatTheRelayHeld() throws Exception {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = WirepunchCli.execute("bench", "relay", "--bytes", Integer.toString(1 << 20),
                    "--reservations", Integer.toString(RESERVATIONS), "--circuits", Integer.toString(CIRCUITS));
        } finally {
            System.setOut(oldOut);
        }
        assertThat(exit).isZero();
        String line = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(line).doesNotContain("\n");
        JsonNode json = JsonMapper.builder().build().readTree(line);

        for (String f : new String[] {"direct_upload_MBps", "direct_download_MBps", "relayed_upload_MBps",
                "relayed_download_MBps"}) {
            assertThat(json.path(f).asDouble()).as(f).isPositive();
        }
        assertThat(json.path("ratios").path("relayed_to_direct").asDouble()).isPositive();

        JsonNode res = json.path("reservations");
        assertThat(res.path("attempted").asInt()).isEqualTo(RESERVATIONS);
        assertThat(res.path("held").asInt()).isEqualTo(RESERVATIONS);
        assertThat(res.path("default_max").asInt()).isPositive();
        assertThat(res.path("max_per_ip_raised_to").asInt()).isEqualTo(res.path("default_max").asInt());
        assertThat(res.path("ms_each").asDouble()).isPositive();

        JsonNode circ = json.path("circuits");
        assertThat(circ.path("attempted").asInt()).isEqualTo(CIRCUITS);
        assertThat(circ.path("held").asInt()).isEqualTo(CIRCUITS);
        assertThat(circ.path("destinations").asInt()).isEqualTo(2);
        assertThat(circ.path("ms_each").asDouble()).isPositive();

        JsonNode heap = json.path("relay_heap_MiB");
        assertThat(heap.path("idle").asDouble()).isPositive();
        assertThat(heap.path("with_reservations_and_circuits").asDouble()).isPositive();
    }
}
