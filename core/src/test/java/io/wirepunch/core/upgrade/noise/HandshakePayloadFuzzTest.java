package io.wirepunch.core.upgrade.noise;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;

/**
 * The handshake payload arrives from an unauthenticated peer, so any bytes must end in either a
 * session or a {@link NoiseException}; any other exception is a bug. Without JAZZER_FUZZ set this
 * replays the committed inputs under HandshakePayloadFuzzTestInputs/decodePayload.
 */
class HandshakePayloadFuzzTest {
    private static final byte[] STATIC_KEY =
            HexFormat.of().parseHex("9b3c5e1f2a7d4c6b8e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f");

    @FuzzTest(maxDuration = "30s")
    void decodePayload(byte[] data) {
        try {
            HandshakePayloads.decode(data, STATIC_KEY);
        } catch (NoiseException expected) {
            // rejected with a reason: the only acceptable failure
        }
    }
}
