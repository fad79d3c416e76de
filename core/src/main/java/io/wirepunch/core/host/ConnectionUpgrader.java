package io.wirepunch.core.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.upgrade.multistream.MultistreamInitiator;
import io.wirepunch.core.upgrade.multistream.MultistreamResponder;
import io.wirepunch.core.upgrade.multistream.MultistreamSelection;
import io.wirepunch.core.upgrade.multistream.ProtocolMatcher;
import io.wirepunch.core.upgrade.noise.NoiseHandshakeHandler;
import io.wirepunch.core.upgrade.noise.SecureSession;
import io.wirepunch.core.upgrade.yamux.YamuxConfig;
import io.wirepunch.core.upgrade.yamux.YamuxMultiplexer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Turns a raw byte channel (a TCP socket, or a relayed stream) into a {@link Connection}: multistream-select picks {@code /noise}, Noise XX
 * authenticates the remote, multistream-select picks {@code /yamux/1.0.0}, and Yamux multiplexes.
 * Each step adds the next step's handlers from its completion callback, on the event loop, so bytes
 * that arrive early are handed to the right handler.
 */
final class ConnectionUpgrader {
    static final String NOISE = "/noise";
    static final String YAMUX = "/yamux/1.0.0";
    private static final String WATCHER = "upgrade-watcher";

    private final PrivateKey identity;
    private final YamuxConfig yamuxConfig;
    private final Duration timeout;
    private final Clock clock;
    private final Connection.StreamOpener opener;
    /** Sets up each stream the remote opens on a connection; called on that stream's event loop. */
    private final BiConsumer<Connection, Channel> inboundStreams;

    ConnectionUpgrader(PrivateKey identity, YamuxConfig yamuxConfig, Duration timeout, Clock clock,
                       Connection.StreamOpener opener, BiConsumer<Connection, Channel> inboundStreams) {
        this.identity = identity;
        this.yamuxConfig = yamuxConfig;
        this.timeout = timeout;
        this.clock = clock;
        this.opener = opener;
        this.inboundStreams = inboundStreams;
    }

    /**
     * Where a connection runs when it is not a socket of its own: through a relay, over one stream
     * of the connection to that relay. The addresses are the circuit addresses of both ends.
     */
    record RelayPath(PeerId relay, Multiaddr localAddr, Multiaddr remoteAddr) {}

    /**
     * Installs the upgrade on a channel that is registered but not yet active (from a
     * ChannelInitializer). {@code expected} is the PeerId the dialler wants, null when accepting.
     */
    CompletionStage<Connection> install(Channel raw, Direction direction, PeerId expected) {
        return install(raw, direction, expected, null);
    }

    /**
     * Installs the upgrade on any byte channel: a TCP socket ({@code relayPath} null) or a relayed
     * stream whose pipeline holds nothing else any more; an active channel starts at once.
     */
    CompletionStage<Connection> install(Channel raw, Direction direction, PeerId expected, RelayPath relayPath) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        boolean initiator = direction == Direction.OUTBOUND;
        TrafficCounter traffic = new TrafficCounter();
        raw.pipeline().addFirst(TrafficCounter.NAME, traffic);
        raw.pipeline().addLast(WATCHER, new Watcher(result, direction, relayPath, traffic));
        MultistreamSelection security = new MultistreamSelection((ctx, protocol) -> {
            NoiseHandshakeHandler noise = new NoiseHandshakeHandler(initiator, identity, expected, List.of(YAMUX));
            // The handshake's own reason (e.g. a PeerId other than the dialled one) must win over the
            // "connection closed" that follows when the handler closes the channel.
            noise.completion().whenComplete((s, e) -> {
                if (e != null) {
                    result.completeExceptionally(new UpgradeException(e.getMessage(), e));
                }
            });
            ctx.pipeline().addAfter(ctx.name(), "noise", noise);
        });
        security.result().whenComplete((p, e) -> {
            if (e != null) {
                result.completeExceptionally(new UpgradeException("security negotiation failed: " + e.getMessage(), e));
            }
        });
        raw.pipeline().addBefore(WATCHER, "multistream-security", initiator
                ? new MultistreamInitiator(List.of(NOISE), security)
                : new MultistreamResponder(ProtocolMatcher.of(NOISE), security));
        ScheduledFuture<?> deadline = raw.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new UpgradeException(
                    "connection upgrade took longer than " + timeout.toMillis() + " ms"))) {
                raw.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((c, e) -> {
            deadline.cancel(false);
            if (e != null) {
                raw.close();
            }
        });
        return result;
    }

    /** Waits at the tail of the pipeline for the end of the Noise handshake, then negotiates the muxer. */
    private final class Watcher extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Connection> result;
        private final Direction direction;
        private final RelayPath relayPath;
        private final TrafficCounter traffic;

        Watcher(CompletableFuture<Connection> result, Direction direction, RelayPath relayPath, TrafficCounter traffic) {
            this.result = result;
            this.direction = direction;
            this.relayPath = relayPath;
            this.traffic = traffic;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (!(evt instanceof SecureSession session)) {
                super.userEventTriggered(ctx, evt);
                return;
            }
            boolean initiator = direction == Direction.OUTBOUND;
            if (session.remoteStreamMuxers().contains(YAMUX)) {
                // Both sides named Yamux inside the Noise handshake (early muxer negotiation): no
                // multistream round for the muxer.
                installMuxer(ctx, ctx.name(), session, initiator);
            } else {
                MultistreamSelection muxer = new MultistreamSelection(
                        (mctx, protocol) -> installMuxer(mctx, mctx.name(), session, initiator));
                muxer.result().whenComplete((p, e) -> {
                    if (e != null) {
                        result.completeExceptionally(new UpgradeException("muxer negotiation failed: " + e.getMessage(), e));
                    }
                });
                ctx.pipeline().addBefore(ctx.name(), "multistream-muxer", initiator
                        ? new MultistreamInitiator(List.of(YAMUX), muxer)
                        : new MultistreamResponder(ProtocolMatcher.of(YAMUX), muxer));
            }
            ctx.pipeline().remove(this);
        }

        /** Adds Yamux after {@code after} and completes the upgrade with the new connection. */
        private void installMuxer(ChannelHandlerContext ctx, String after, SecureSession session, boolean initiator) {
            Connection[] holder = new Connection[1];
            YamuxMultiplexer multiplexer = new YamuxMultiplexer(initiator, yamuxConfig,
                    new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel stream) {
                            holder[0].trackStream(stream);
                            inboundStreams.accept(holder[0], stream);
                        }
                    });
            ctx.pipeline().addAfter(after, "yamux", multiplexer);
            Channel raw = ctx.channel();
            holder[0] = relayPath == null
                    ? new Connection(raw, multiplexer, session.remotePeerId(), session.remoteIdentityKey(),
                            toMultiaddr(raw.localAddress()), toMultiaddr(raw.remoteAddress()), direction,
                            clock.instant(), opener, null, traffic)
                    : new Connection(raw, multiplexer, session.remotePeerId(), session.remoteIdentityKey(),
                            relayPath.localAddr(), relayPath.remoteAddr(), direction, clock.instant(), opener,
                            relayPath.relay(), traffic);
            result.complete(holder[0]);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            result.completeExceptionally(new UpgradeException("connection closed during the upgrade"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause instanceof UpgradeException ? cause
                    : new UpgradeException(cause.getMessage(), cause));
            ctx.close();
        }
    }

    static Multiaddr toMultiaddr(java.net.SocketAddress address) {
        return Multiaddr.fromInetSocketAddress((InetSocketAddress) address);
    }
}
