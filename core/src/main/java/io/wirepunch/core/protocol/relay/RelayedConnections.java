package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Direction;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's circuits: asks a relay to CONNECT us to a peer, accepts the circuits relays open
 * to us, and in both cases hands the stream to the host, which runs Noise and Yamux over it and
 * registers the result as a relayed connection.
 */
final class RelayedConnections {
    private static final Logger log = LoggerFactory.getLogger(RelayedConnections.class);

    private final Host host;
    private final BiFunction<Multiaddr, PeerId, CompletionStage<Connection>> connectToRelay;
    private final CircuitTrafficListener traffic;

    RelayedConnections(Host host, BiFunction<Multiaddr, PeerId, CompletionStage<Connection>> connectToRelay,
                       CircuitTrafficListener traffic) {
        this.host = host;
        this.connectToRelay = connectToRelay;
        this.traffic = traffic;
    }

    /** Dials {@code target} through the relay named in {@code circuitAddr}. */
    CompletionStage<Connection> dial(Multiaddr circuitAddr, PeerId target) {
        Multiaddr relayAddr = circuitAddr.decapsulate(Protocol.P2P_CIRCUIT);
        Optional<PeerId> relay = relayAddr.isEmpty() || relayAddr.equals(circuitAddr) ? Optional.empty() : relayAddr.peerId();
        if (relay.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "a circuit address names its relay before /p2p-circuit: " + circuitAddr));
        }
        if (relay.get().equals(target) || target.equals(host.peerId())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no circuit to the relay itself or to us: " + circuitAddr));
        }
        return connectToRelay.apply(relayAddr, relay.get()).thenCompose(rc -> connectThrough(rc, target));
    }

    private CompletionStage<Connection> connectThrough(Connection relayConnection, PeerId target) {
        PeerId relay = relayConnection.remotePeer();
        if (relayConnection.isRelayed()) {
            return CompletableFuture.failedFuture(new RelayException(Status.PERMISSION_DENIED,
                    "no circuit over a circuit: " + relay + " is itself reached through a relay"));
        }
        Multiaddr circuit = relayConnection.remoteAddr().withPeerId(relay).encapsulate("/p2p-circuit");
        CompletableFuture<Connection> result = new CompletableFuture<>();
        relayConnection.newStream(s -> {
            CompletableFuture<HopMessage> answer = RelayRequester.start(s.channel(), RelayMessageDecoder.hop(),
                    HopMessage.class, RelayMessages.connect(target), RelayProtocol.HANDSHAKE_TIMEOUT);
            answer.whenComplete((m, e) -> {
                Status status = e != null ? null : m.getType() != HopMessage.Type.STATUS || !m.hasStatus()
                        ? Status.UNEXPECTED_MESSAGE : m.getStatus();
                if (e != null) {
                    result.completeExceptionally(e);
                } else if (status != Status.OK) {
                    StreamEnds.closeGracefully(s.channel());
                    result.completeExceptionally(new RelayException(status, "relay " + relay + " did not connect us to " + target));
                } else {
                    upgrade(s, Direction.OUTBOUND, target, relay, circuit, result);
                }
            });
        }, RelayProtocol.HOP_ID).whenComplete((s, e) -> {
            if (e != null) {
                result.completeExceptionally(new RelayException(Status.CONNECTION_FAILED, "could not open a hop stream to " + relay, e));
            }
        });
        return result;
    }

    StopResponder.Accepted accept(Stream stream, PeerId source, CircuitLimit limit) {
        if (stream.connection().isRelayed()) {
            return new StopResponder.Accepted(Status.PERMISSION_DENIED, null);
        }
        PeerId relay = stream.remotePeer();
        Multiaddr circuit = stream.connection().remoteAddr().withPeerId(relay).encapsulate("/p2p-circuit");
        log.debug("accepting a circuit from {} through {} (limit {})", source, relay, limit);
        return new StopResponder.Accepted(Status.OK, () -> upgrade(stream, Direction.INBOUND, source, relay, circuit, null));
    }

    /** Hands the stream over to the host's connection upgrade; the remote is Noise-authenticated as {@code peer}. */
    private void upgrade(Stream s, Direction direction, PeerId peer, PeerId relay, Multiaddr circuit,
                         CompletableFuture<Connection> result) {
        Object handler = direction == Direction.OUTBOUND
                ? s.channel().pipeline().get(RelayRequester.class) : s.channel().pipeline().get(StopResponder.class);
        RelayStreams.handOver(s.channel(), (io.netty.channel.ChannelHandler) handler, () -> {
            // Behind the message decoder, so that bytes that came with the hop or stop message count too.
            if (traffic != CircuitTrafficListener.NONE) {
                s.channel().pipeline().addLast("circuit-traffic", new CircuitTrafficCounter(relay, traffic));
            }
            host.upgradeRelayed(s.channel(), direction, peer, relay, circuit, circuit).whenComplete((c, e) -> {
                if (result == null) {
                    if (e != null) {
                        log.debug("relayed connection from {} through {} failed: {}", peer, relay, e.getMessage());
                    }
                } else if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(c);
                }
            });
        });
    }

}
