package io.wirepunch.core.network;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the configuration parser. Any exception other than {@link NetworkConfigException}
 * is a finding; whatever parses must write back to text that parses to an equal configuration, and
 * its overlay addresses must be computable. Without JAZZER_FUZZ this runs the committed inputs under
 * NetworkConfigFuzzTestInputs/ as plain regression tests.
 */
class NetworkConfigFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        NetworkConfig config;
        try {
            config = NetworkConfig.parse(new String(input, StandardCharsets.UTF_8));
        } catch (NetworkConfigException expected) {
            return;
        }
        String text = config.toText();
        NetworkConfig again = NetworkConfig.parse(text);
        if (!again.equals(config) || !again.toText().equals(text)) {
            throw new AssertionError("round trip changed the configuration:\n" + text);
        }
        OverlayAddresses addresses = OverlayAddresses.of(config);
        if (addresses.ipv4().size() != config.members().size() || addresses.ipv6().size() != config.members().size()) {
            throw new AssertionError("a member has no address:\n" + text);
        }
    }
}
