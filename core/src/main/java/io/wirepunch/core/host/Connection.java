package io.wirepunch.core.host;

import io.netty.channel.Channel;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.upgrade.yamux.YamuxMultiplexer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authenticated, multiplexed connection to one peer: the channel under it (a TCP socket, or for a
 * relayed connection a stream of the connection to the relay), the Yamux session on it, and the
 * addresses at both ends (circuit addresses when relayed).
 */
public final class Connection {
    private final Channel channel;
    private final YamuxMultiplexer muxer;
    private final PeerId remotePeer;
    private final PublicKey remoteKey;
    private final Multiaddr localAddr;
    private final Multiaddr remoteAddr;
    private final Direction direction;
    private final Instant openedAt;
    private final StreamOpener opener;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final PeerId relay;
    private final TrafficCounter traffic;

    Connection(Channel channel, YamuxMultiplexer muxer, PeerId remotePeer, PublicKey remoteKey,
               Multiaddr localAddr, Multiaddr remoteAddr, Direction direction, Instant openedAt, StreamOpener opener,
               PeerId relay, TrafficCounter traffic) {
        this.channel = channel;
        this.muxer = muxer;
        this.remotePeer = remotePeer;
        this.remoteKey = remoteKey;
        this.localAddr = localAddr;
        this.remoteAddr = remoteAddr;
        this.direction = direction;
        this.openedAt = openedAt;
        this.opener = opener;
        this.relay = relay;
        this.traffic = traffic;
    }

    /** Bytes received on this connection so far, its Noise and Yamux framing included. */
    public long bytesReceived() {
        return traffic.received();
    }

    /** Bytes sent on this connection so far, its Noise and Yamux framing included. */
    public long bytesSent() {
        return traffic.sent();
    }

    /**
     * Opens a stream and negotiates the first of {@code protocols} the remote supports. {@code setup}
     * runs on the stream's event loop as soon as the protocol is agreed, before any byte the remote
     * sent after its answer is delivered: install the protocol's handlers there.
     */
    public CompletionStage<Stream> newStream(StreamHandler setup, String... protocols) {
        return opener.open(this, List.of(protocols), setup);
    }

    /** Tells the remote with a Yamux GoAway that no new streams will come, then closes. */
    public CompletionStage<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!channel.isActive()) {
            channel.close().addListener(f -> done.complete(null));
            return done;
        }
        muxer.goAway().addListener(sent -> channel.close().addListener(f -> done.complete(null)));
        return done;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public PeerId remotePeer() {
        return remotePeer;
    }

    public PublicKey remoteKey() {
        return remoteKey;
    }

    public Multiaddr localAddr() {
        return localAddr;
    }

    public Multiaddr remoteAddr() {
        return remoteAddr;
    }

    /** True when this connection runs through a relay (over a circuit) instead of a socket of its own. */
    public boolean isRelayed() {
        return relay != null;
    }

    /** The relay this connection runs through; empty for a direct connection. */
    public Optional<PeerId> relay() {
        return Optional.ofNullable(relay);
    }

    public Direction direction() {
        return direction;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Channel channel() {
        return channel;
    }

    public YamuxMultiplexer muxer() {
        return muxer;
    }

    /** Streams currently open on this connection, in both directions. */
    public int openStreams() {
        return openStreams.get();
    }

    void trackStream(Channel stream) {
        openStreams.incrementAndGet();
        stream.closeFuture().addListener(f -> openStreams.decrementAndGet());
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase() + (relay == null ? " " : " relayed ") + remoteAddr + "/p2p/" + remotePeer;
    }

    /** How a connection opens its streams; the host supplies it so a connection needs no host reference. */
    @FunctionalInterface
    interface StreamOpener {
        CompletionStage<Stream> open(Connection connection, List<String> protocols, StreamHandler setup);
    }
}
