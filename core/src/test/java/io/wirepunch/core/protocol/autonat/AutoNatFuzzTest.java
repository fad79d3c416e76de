package io.wirepunch.core.protocol.autonat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An AutoNAT stream carries whatever the requester sends. Any bytes fed to the server's handler
 * (frame decoder, protobuf, message checks) must end in at most one DIAL handed on and at most one
 * answer, or a closed stream, never an exception past the pipeline or a leaked buffer. Any body
 * the codec accepts must survive re-encoding unchanged, and the codec refuses only with an
 * {@link AutoNatException}. Without JAZZER_FUZZ set this replays the committed inputs under
 * AutoNatFuzzTestInputs/decodeAutoNat.
 */
class AutoNatFuzzTest {
    private static final Multiaddr REQUESTER_ADDR = Multiaddr.parse("/ip4/198.51.100.7/tcp/50000");

    @FuzzTest(maxDuration = "60s")
    void decodeAutoNat(byte[] data) {
        codecRoundTrips(data);
        List<AutoNatMessage.Dial> handled = new ArrayList<>();
        EmbeddedChannel stream = new EmbeddedChannel();
        AutoNatResponder.install(stream, AutoNatCodecTest.PEER, REQUESTER_ADDR, (peer, dial) -> {
            handled.add(dial);
            return CompletableFuture.completedFuture(DialResponse.error(ResponseStatus.E_DIAL_ERROR, "fuzzed"));
        }, Duration.ofSeconds(10));
        // Split the input in two reads so that fragmentation is part of what is fuzzed.
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        stream.writeInbound(Unpooled.copiedBuffer(data, 0, cut));
        if (stream.isOpen()) {
            stream.writeInbound(Unpooled.copiedBuffer(data, cut, data.length - cut));
        }
        stream.runPendingTasks();
        int answers = 0;
        for (Object out; (out = stream.readOutbound()) != null; answers++) {
            ByteBuf frame = (ByteBuf) out;
            try {
                Varint.readLength(frame, AutoNatProtocol.MAX_MESSAGE_BYTES);
                if (!(AutoNatCodec.decode(frame) instanceof DialResponse)) {
                    throw new AssertionError("the server answered with something other than a DIAL_RESPONSE");
                }
            } finally {
                frame.release();
            }
        }
        stream.finishAndReleaseAll();
        stream.checkException();
        if (handled.size() > 1 || answers > 1) {
            throw new AssertionError("one stream made " + handled.size() + " dials and " + answers + " answers");
        }
    }

    private static void codecRoundTrips(byte[] body) {
        AutoNatMessage decoded;
        try {
            decoded = AutoNatCodec.decode(body);
        } catch (AutoNatException refused) {
            return;
        }
        AutoNatMessage again = AutoNatCodec.decode(AutoNatCodec.encode(decoded));
        if (!again.equals(decoded)) {
            throw new AssertionError("message changed on re-encoding: " + decoded + " vs " + again);
        }
    }
}
