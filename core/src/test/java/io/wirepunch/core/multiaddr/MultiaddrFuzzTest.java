package io.wirepunch.core.multiaddr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for both multiaddr forms. Whatever parses must round-trip through both forms; any
 * exception other than {@link MultiaddrException} is a finding. Without JAZZER_FUZZ these run the
 * committed inputs under MultiaddrFuzzTestInputs/ as plain regression tests.
 */
class MultiaddrFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseText(byte[] input) {
        Multiaddr parsed;
        try {
            parsed = Multiaddr.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MultiaddrException expected) {
            return;
        }
        checkRoundTrip(parsed);
    }

    @FuzzTest(maxDuration = "60s")
    void parseBinary(byte[] input) {
        Multiaddr parsed;
        try {
            parsed = Multiaddr.fromBytes(input);
        } catch (MultiaddrException expected) {
            return;
        }
        if (!java.util.Arrays.equals(parsed.toBytes(), input)) {
            throw new AssertionError("binary form is not canonical: " + parsed);
        }
        checkRoundTrip(parsed);
    }

    private static void checkRoundTrip(Multiaddr parsed) {
        if (!Multiaddr.fromBytes(parsed.toBytes()).equals(parsed)) {
            throw new AssertionError("binary round trip changed " + parsed);
        }
        if (!Multiaddr.parse(parsed.toString()).equals(parsed)) {
            throw new AssertionError("text round trip changed " + parsed);
        }
        parsed.peerId();
        parsed.withoutPeerId();
    }
}
