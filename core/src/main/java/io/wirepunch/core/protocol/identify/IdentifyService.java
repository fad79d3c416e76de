package io.wirepunch.core.protocol.identify;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.wirepunch.core.Version;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs identify on every new connection, answers the remote's identify, and pushes an update to all
 * connected peers when our protocols or advertised addresses change. What it learns goes to the
 * peerstore and out as {@link HostEvent.Identified}.
 *
 * <p>A push goes only to peers known to take it, which a peer is once our identify of it has
 * finished. A change that happens while that identify is still under way would be lost for that
 * peer, so each connection remembers which change the peer last heard of (the generation of what we
 * sent it, or of the moment it connected), and a connection whose identify finishes after a later
 * change is pushed to then.
 */
public final class IdentifyService {
    private static final Logger log = LoggerFactory.getLogger(IdentifyService.class);

    private final Host host;
    /** Counts our changes of protocols or addresses. */
    private final AtomicLong generation = new AtomicLong();
    /** Per open connection, the newest generation its peer has heard of from us. */
    private final Map<Connection, Long> heardOf = new ConcurrentHashMap<>();

    public IdentifyService(Host host) {
        this.host = host;
    }

    /** Registers the protocols and starts identifying new connections. */
    public void start() {
        host.protocols().register(IdentifyProtocol.ID, stream -> send(stream.channel(), stream.connection()));
        host.protocols().register(IdentifyProtocol.PUSH_ID, stream ->
                IdentifyReader.install(stream.channel(), stream.remotePeer(), pb -> apply(stream.connection(), pb, true)));
        host.subscribe(event -> {
            if (event instanceof HostEvent.Connected c) {
                heardOf.merge(c.connection(), generation.get(), Math::max);
                identify(c.connection());
            } else if (event instanceof HostEvent.Disconnected d) {
                heardOf.remove(d.connection());
            }
        });
        host.onProtocolsChanged(this::pushToAll);
        host.onAddressesChanged(this::pushToAll);
    }

    /** What we tell a peer on this connection about ourselves. */
    public IdentifyInfo ourInfo(Connection connection) {
        return new IdentifyInfo(Version.agent(), IdentifyProtocol.PROTOCOL_VERSION, host.protocols().ids(),
                host.advertisedAddrs(), Optional.of(connection.remoteAddr()),
                Optional.of(host.identity().publicKey()));
    }

    private void identify(Connection connection) {
        connection.newStream(stream -> IdentifyReader.install(stream.channel(), stream.remotePeer(),
                        pb -> apply(connection, pb, false)), IdentifyProtocol.ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        log.debug("identify of {} failed: {}", connection.remotePeer(), e.getMessage());
                    }
                });
    }

    private void pushToAll() {
        generation.incrementAndGet();
        for (Connection c : host.connections().all()) {
            if (takesPush(c)) {
                push(c);
            }
        }
    }

    private boolean takesPush(Connection c) {
        return c.isOpen() && host.peerstore().protocols(c.remotePeer()).contains(IdentifyProtocol.PUSH_ID);
    }

    private void push(Connection c) {
        c.newStream(stream -> send(stream.channel(), c), IdentifyProtocol.PUSH_ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        log.debug("identify push to {} failed: {}", c.remotePeer(), e.getMessage());
                    }
                });
    }

    /** After our identify of {@code c} finished: pushes what changed since its peer last heard from us. */
    private void catchUp(Connection c) {
        Long heard = heardOf.get(c);
        if (heard != null && heard < generation.get() && takesPush(c)) {
            push(c);
        }
    }

    private void send(Channel stream, Connection connection) {
        long sending = generation.get();
        heardOf.computeIfPresent(connection, (c, heard) -> Math.max(heard, sending));
        byte[] body = ourInfo(connection).toProto().toByteArray();
        stream.writeAndFlush(LengthPrefixedFrameDecoder.frame(stream.alloc(), body))
                .addListener((ChannelFutureListener) f -> StreamEnds.closeGracefully(stream));
    }

    private void apply(Connection connection, IdentifyProtos.Identify pb, boolean push) {
        PeerId peer = connection.remotePeer();
        IdentifyInfo info;
        try {
            info = IdentifyInfo.fromProto(pb, peer);
        } catch (IdentifyException e) {
            log.debug("{}", e.getMessage());
            return;
        }
        Peerstore store = host.peerstore();
        if (!push || !info.protocols().isEmpty()) {
            store.setProtocols(peer, info.protocols());
        }
        store.addAddrs(peer, info.listenAddrs(), Peerstore.CONNECTED_ADDR_TTL);
        if (!push || !info.agentVersion().isEmpty()) {
            store.setAgent(peer, info.agentVersion(), info.protocolVersion());
        }
        log.debug("identified {}: agent {}, {} protocols, {} addresses", peer, info.agentVersion(),
                info.protocols().size(), info.listenAddrs().size());
        host.publish(new HostEvent.Identified(peer, info.agentVersion(), info.protocolVersion(), info.protocols(),
                info.listenAddrs(), info.observedAddr().orElse(null), push, connection));
        if (!push) {
            catchUp(connection);
        }
    }
}
