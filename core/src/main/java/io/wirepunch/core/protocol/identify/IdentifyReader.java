package io.wirepunch.core.protocol.identify;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one identify message from a stream, hands it on, and closes the stream. */
final class IdentifyReader extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(IdentifyReader.class);

    private final PeerId sender;
    private final Consumer<IdentifyProtos.Identify> onMessage;
    /** Set by the first frame: frames that arrived with it (one read can carry several) are dropped. */
    private boolean done;

    private IdentifyReader(PeerId sender, Consumer<IdentifyProtos.Identify> onMessage) {
        this.sender = sender;
        this.onMessage = onMessage;
    }

    static void install(Channel stream, PeerId sender, Consumer<IdentifyProtos.Identify> onMessage) {
        stream.pipeline().addLast(
                new ReadTimeoutHandler(IdentifyProtocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                new LengthPrefixedFrameDecoder(IdentifyProtocol.MAX_MESSAGE_BYTES),
                new IdentifyReader(sender, onMessage));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (done) {
            return;
        }
        done = true;
        IdentifyProtos.Identify pb;
        try {
            pb = IdentifyProtos.Identify.parseFrom(ByteBufUtil.getBytes(frame));
        } catch (InvalidProtocolBufferException e) {
            throw new IdentifyException("malformed identify message from " + sender + ": " + e.getMessage());
        }
        ctx.close();
        onMessage.accept(pb);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("identify stream from {} failed: {}", sender, cause.toString());
        ctx.close();
    }
}
