package io.wirepunch.core.protocol.kad;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiformats.Varint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A kad stream carries whatever the remote sends. Any bytes fed to the responder (frame decoder and
 * kad codec) must end in answered requests or a closed stream, never an exception past the pipeline
 * or a leaked buffer; every request that decodes must survive re-encoding unchanged, and each answer
 * written must decode to what the handler returned. Without JAZZER_FUZZ set this replays the
 * committed inputs under KadFuzzTestInputs/decodeKadMessage.
 */
class KadFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodeKadMessage(byte[] data) {
        List<KadMessage> requests = new ArrayList<>();
        List<KadMessage> answersGiven = new ArrayList<>();
        EmbeddedChannel stream = new EmbeddedChannel();
        KadResponder.install(stream, KadCodecTest.BOB, (from, request) -> {
            requests.add(request);
            if (!request.type().expectsResponse()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            answersGiven.add(request);
            return CompletableFuture.completedFuture(Optional.of(request));
        }, Duration.ofMinutes(1));
        // Split the input in two reads so that fragmentation is part of what is fuzzed.
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        stream.writeInbound(Unpooled.copiedBuffer(data, 0, cut));
        if (stream.isOpen()) {
            stream.writeInbound(Unpooled.copiedBuffer(data, cut, data.length - cut));
        }
        List<KadMessage> written = new ArrayList<>();
        for (ByteBuf out = stream.readOutbound(); out != null; out = stream.readOutbound()) {
            try {
                int length = Varint.readLength(out, Integer.MAX_VALUE);
                if (length != out.readableBytes()) {
                    throw new AssertionError("an answer is not exactly one frame");
                }
                written.add(KadCodec.decode(out));
            } finally {
                out.release();
            }
        }
        stream.finishAndReleaseAll();
        stream.checkException();
        for (KadMessage request : requests) {
            KadMessage again = KadCodec.decode(KadCodec.encode(request));
            if (!again.equals(request)) {
                throw new AssertionError("kad message changed on re-encoding: " + request + " vs " + again);
            }
        }
        if (!written.equals(answersGiven)) {
            throw new AssertionError("answers on the wire " + written + " differ from those given " + answersGiven);
        }
    }
}
