package io.wirepunch.core.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardRequest;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse.Status;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.StreamEnds;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of one forward stream: waits for the request, checks it (admitted peer, port in
 * range, exposed, under the per-peer limit), connects to the port on loopback and answers. After
 * OK it hands both channels to a {@link ForwardSplice}. Any byte before the answer, a bad request
 * or no request within the timeout resets the stream.
 */
final class ForwardResponder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ForwardResponder.class);

    private final ForwardService service;
    private final PeerId peer;
    private ScheduledFuture<?> timeout;
    private boolean requested;
    private boolean holdsSlot;
    private boolean done;

    ForwardResponder(ForwardService service, PeerId peer) {
        this.service = service;
        this.peer = peer;
    }

    /** Takes over a stream {@code peer} opened. Call on the stream's event loop. */
    static void install(Channel stream, ForwardService service, PeerId peer) {
        ForwardWire.installRequestDecoder(stream.pipeline());
        ForwardResponder r = new ForwardResponder(service, peer);
        stream.pipeline().addLast("forward-responder", r);
        r.timeout = stream.eventLoop().schedule(() -> r.fail(stream, "no request within " + service.timeout()),
                service.timeout().toNanos(), TimeUnit.NANOSECONDS);
        stream.closeFuture().addListener(f -> r.streamClosed());
        stream.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ForwardRequest request) || requested) {
            ReferenceCountUtil.release(msg);
            fail(ctx.channel(), "bytes before the answer");
            return;
        }
        requested = true;
        timeout.cancel(false);
        handle(ctx.channel(), request.getPort());
    }

    private void handle(Channel stream, int port) {
        if (!service.admitted(peer)) {
            refuse(stream, Status.REFUSED, "not a member of any network here");
            return;
        }
        if (!ForwardProtocol.validPort(port)) {
            refuse(stream, Status.BAD_REQUEST, "port " + port + " is outside "
                    + ForwardProtocol.MIN_PORT + ".." + ForwardProtocol.MAX_PORT);
            return;
        }
        if (!service.isExposed(port)) {
            refuse(stream, Status.NOT_EXPOSED, "port " + port + " is not exposed");
            return;
        }
        if (!service.tryAcquire(peer)) {
            refuse(stream, Status.REFUSED, "more than " + ForwardProtocol.MAX_FORWARDS_PER_PEER + " forwards open");
            return;
        }
        holdsSlot = true;
        ForwardWire.removeDecoder(stream.pipeline());
        if (done) {
            return; // bytes came after the request and reset the stream
        }
        ChannelFuture connect;
        try {
            connect = service.connectLoopback(port);
        } catch (IllegalStateException e) {
            refuse(stream, Status.CONNECT_FAILED, e.getMessage());
            return;
        }
        connect.addListener((ChannelFuture f) -> stream.eventLoop().execute(() -> connected(stream, port, f)));
    }

    private void connected(Channel stream, int port, ChannelFuture f) {
        Channel tcp = f.channel();
        if (done || !stream.isActive()) {
            tcp.close();
            return;
        }
        if (!f.isSuccess()) {
            refuse(stream, Status.CONNECT_FAILED, "cannot connect to port " + port + ": " + f.cause().getMessage());
            return;
        }
        done = true;
        stream.writeAndFlush(ForwardWire.response(stream.alloc(), Status.OK, ""));
        stream.pipeline().remove(this);
        holdsSlot = false;
        service.spliced(peer, port, stream, tcp);
    }

    private void refuse(Channel stream, Status status, String why) {
        log.debug("forward from {} refused: {}", peer, why);
        done = true;
        stream.writeAndFlush(ForwardWire.response(stream.alloc(), status, why));
        StreamEnds.closeGracefully(stream);
    }

    private void fail(Channel stream, String why) {
        if (done) {
            return;
        }
        log.debug("resetting forward stream from {}: {}", peer, why);
        done = true;
        StreamEnds.reset(stream);
    }

    private void streamClosed() {
        done = true;
        timeout.cancel(false);
        if (holdsSlot) {
            holdsSlot = false;
            service.release(peer);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(ctx.channel(), "stream ended before the answer");
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A ForwardWireException: the decoder has reset the stream already.
        fail(ctx.channel(), cause.getMessage());
    }
}
