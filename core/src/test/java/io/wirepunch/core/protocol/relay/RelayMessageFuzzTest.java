package io.wirepunch.core.protocol.relay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;
import java.util.Arrays;

/**
 * Whatever a hop or stop stream carries, the decoder must yield at most one message (which the
 * field checks accept or refuse with a {@link RelayWireException}) or a RelayWireException, never
 * another exception or a leak; and once it leaves, the bytes behind the message must come out
 * unchanged, since they are the relayed connection. The first input byte picks where the rest is
 * split into two reads. Without JAZZER_FUZZ set this replays the committed inputs under
 * RelayMessageFuzzTestInputs/decodeHop and .../decodeStop.
 */
class RelayMessageFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeHop(byte[] data) {
        run(data, RelayMessageDecoder.hop(), m -> {
            HopMessage hop = (HopMessage) m;
            switch (hop.getType()) {
                case CONNECT -> RelayMessages.peerOf(hop.hasPeer(), hop.getPeer());
                case STATUS -> {
                    RelayMessages.statusOf(hop.hasStatus(), hop.getStatus());
                    RelayMessages.limitOf(hop.hasLimit(), hop.getLimit());
                    for (ByteString a : hop.getReservation().getAddrsList()) {
                        try {
                            Multiaddr.fromBytes(a.toByteArray());
                        } catch (RuntimeException e) {
                            // the client skips an address it cannot read
                        }
                    }
                }
                case RESERVE -> { }
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void decodeStop(byte[] data) {
        run(data, RelayMessageDecoder.stop(), m -> {
            StopMessage stop = (StopMessage) m;
            switch (stop.getType()) {
                case CONNECT -> {
                    RelayMessages.peerOf(stop.hasPeer(), stop.getPeer());
                    RelayMessages.limitOf(stop.hasLimit(), stop.getLimit());
                }
                case STATUS -> RelayMessages.statusOf(stop.hasStatus(), stop.getStatus());
            }
        });
    }

    private interface Check {
        void accept(Object message);
    }

    private static void run(byte[] data, RelayMessageDecoder<?> decoder, Check check) {
        RelayMessageDecoderTest.Sink sink = new RelayMessageDecoderTest.Sink();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, sink);
        try {
            byte[] stream = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
            int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (stream.length + 1);
            ch.writeInbound(Unpooled.copiedBuffer(stream, 0, cut));
            ch.writeInbound(Unpooled.copiedBuffer(stream, cut, stream.length - cut));
            for (Throwable t : sink.errors) {
                if (!(t instanceof RelayWireException)) {
                    throw new AssertionError("unexpected failure", t);
                }
            }
            if (sink.messages.size() > 1) {
                throw new AssertionError("more than one message decoded");
            }
            if (sink.messages.size() == 1) {
                MessageLite m = (MessageLite) sink.messages.get(0);
                try {
                    check.accept(m);
                } catch (RelayWireException refused) {
                    // a refusal with a status is the expected outcome for bad fields
                }
                int consumed = consumed(stream);
                ch.pipeline().remove(decoder);
                byte[] tail = new byte[sink.raw.readableBytes()];
                sink.raw.readBytes(tail);
                if (!Arrays.equals(tail, Arrays.copyOfRange(stream, consumed, stream.length))) {
                    throw new AssertionError("bytes behind the message changed");
                }
            }
        } finally {
            ch.finishAndReleaseAll();
            sink.raw.release();
        }
    }

    /** Length of the first frame (prefix and body) at the start of {@code stream}. */
    private static int consumed(byte[] stream) {
        long length = 0;
        int i = 0;
        while (true) {
            int b = stream[i] & 0xFF;
            length |= (long) (b & 0x7F) << (7 * i);
            i++;
            if ((b & 0x80) == 0) {
                return i + (int) length;
            }
        }
    }
}
