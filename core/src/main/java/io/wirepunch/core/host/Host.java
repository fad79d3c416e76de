package io.wirepunch.core.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.wirepunch.core.dns.MultiaddrResolver;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.transport.TcpTransport;
import io.wirepunch.core.upgrade.multistream.MultistreamInitiator;
import io.wirepunch.core.upgrade.multistream.MultistreamResponder;
import io.wirepunch.core.upgrade.multistream.MultistreamSelection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host: listens and dials over TCP, upgrades every connection (Noise, Yamux), hands inbound
 * streams to the registered protocol handlers, opens outbound ones, and reports what happens as
 * {@link HostEvent}s. It knows no protocol beyond the upgrade; services register themselves.
 */
public final class Host {
    private static final Logger log = LoggerFactory.getLogger(Host.class);
    /**
     * Addresses identify announces at most: listen addresses first, then the sources'. Far below
     * identify's message limit, and more than any honest setup has.
     */
    public static final int MAX_ADVERTISED_ADDRS = 32;

    private final HostConfig config;
    private final PeerId peerId;
    private final Peerstore peerstore;
    private final ConnectionManager connections;
    private final EventBus<HostEvent> events = new EventBus<>();
    private final ProtocolRegistry protocols;
    private final List<Runnable> protocolChangeListeners = new CopyOnWriteArrayList<>();
    private final List<AddressSource> addressSources = new CopyOnWriteArrayList<>();
    private final List<Runnable> addressChangeListeners = new CopyOnWriteArrayList<>();
    private final ConnectionUpgrader upgrader;
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final PunchRoles punchRoles = new PunchRoles();
    private final Map<Channel, InetSocketAddress> requested = new ConcurrentHashMap<>();
    private volatile CircuitDialer circuitDialer;
    private volatile TcpTransport transport;

    public Host(HostConfig config) {
        this.config = config;
        this.peerId = config.identity().publicKey().peerId();
        this.peerstore = new Peerstore(config.clock());
        this.connections = new ConnectionManager(config.limits(), peerId);
        this.protocols = new ProtocolRegistry(() -> protocolChangeListeners.forEach(Runnable::run));
        this.upgrader = new ConnectionUpgrader(config.identity(), config.yamux(), config.limits().upgradeTimeout(),
                config.clock(), this::openStream, this::acceptStream);
    }

    public CompletionStage<Void> start() {
        transport = config.eventLoops().map(loops -> new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT))
                .orElseGet(() -> new TcpTransport(config.forceNio()));
        List<CompletableFuture<Channel>> binds = new ArrayList<>();
        for (Multiaddr addr : config.listenAddrs()) {
            InetSocketAddress asked = addr.toInetSocketAddress();
            binds.add(transport.listen(asked, inboundInitializer()).thenApply(ch -> {
                requested.put(ch, asked);
                return ch;
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new)).thenRun(() -> {
            binds.forEach(b -> listeners.add(b.join()));
            log.info("host {} listening on {}", peerId, listenAddrs());
        });
    }

    public CompletionStage<Void> stop() {
        TcpTransport t = transport;
        if (t == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            listeners.forEach(l -> l.close().syncUninterruptibly());
            connections.all().forEach(c -> c.close().toCompletableFuture().join());
            t.close();
        });
    }

    public PeerId peerId() {
        return peerId;
    }

    public PrivateKey identity() {
        return config.identity();
    }

    /** The addresses the host really listens on (ports resolved, wildcards as bound), without /p2p. */
    public List<Multiaddr> listenAddrs() {
        return listeners.stream().map(l -> Multiaddr.fromInetSocketAddress(bound(l))).toList();
    }

    /**
     * Where a listener listens, in the family it was asked for: a socket asked for 0.0.0.0 is
     * dual-stack and reports the IPv6 wildcard, but the node was told to listen on IPv4.
     */
    private InetSocketAddress bound(Channel listener) {
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        InetSocketAddress asked = requested.get(listener);
        if (asked != null && asked.getAddress().isAnyLocalAddress() && local.getAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(asked.getAddress(), local.getPort());
        }
        return local;
    }

    /** The addresses peers can dial: {@link #listenAddrs()} with each wildcard replaced by the interfaces' addresses. */
    public List<Multiaddr> dialableListenAddrs() {
        return listeners.stream()
                .flatMap(l -> InterfaceAddresses.expand(bound(l)).stream())
                .distinct().toList();
    }

    /**
     * What peers are told to dial: {@link #dialableListenAddrs()}, then each {@link AddressSource}'s
     * addresses, without /p2p, duplicates or more than {@link #MAX_ADVERTISED_ADDRS}. A source that
     * fails is skipped.
     */
    public List<Multiaddr> advertisedAddrs() {
        Set<Multiaddr> out = new LinkedHashSet<>(dialableListenAddrs());
        for (AddressSource source : addressSources) {
            try {
                source.addresses().forEach(a -> out.add(a.withoutPeerId()));
            } catch (RuntimeException e) {
                log.warn("address source {} failed; announcing without it", source, e);
            }
        }
        return out.stream().limit(MAX_ADVERTISED_ADDRS).toList();
    }

    /** Adds addresses to announce; closing the subscription removes them again. */
    public Subscription addAddressSource(AddressSource source) {
        addressSources.add(source);
        addressesChanged();
        return () -> {
            if (addressSources.remove(source)) {
                addressesChanged();
            }
        };
    }

    /** Runs when the advertised addresses may have changed (identify push listens here). */
    public void onAddressesChanged(Runnable listener) {
        addressChangeListeners.add(listener);
    }

    /** Tells the listeners that a source's addresses changed. */
    public void addressesChanged() {
        addressChangeListeners.forEach(Runnable::run);
    }

    /** Installs who dials {@code /p2p-circuit} addresses (the relay client). */
    public void setCircuitDialer(CircuitDialer dialer) {
        this.circuitDialer = dialer;
    }

    public Peerstore peerstore() {
        return peerstore;
    }

    public ConnectionManager connections() {
        return connections;
    }

    public ProtocolRegistry protocols() {
        return protocols;
    }

    /** Runs when the set of registered protocols changes (identify push listens here). */
    public void onProtocolsChanged(Runnable listener) {
        protocolChangeListeners.add(listener);
    }

    public Subscription subscribe(Consumer<? super HostEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /**
     * Connects to the peer named by the address's /p2p component; reuses a live connection. A
     * {@code /p2p-circuit} address is dialled through its relay by the {@link CircuitDialer}; a
     * /dns, /dns4, /dns6 or /dnsaddr one is resolved first, and what it resolves to is tried in turn.
     */
    public CompletionStage<Connection> connect(Multiaddr addr) {
        return connect(addr, DialOptions.DEFAULT);
    }

    /** Connects to the peer named by the address's /p2p component, as {@code options} say. */
    public CompletionStage<Connection> connect(Multiaddr addr, DialOptions options) {
        PeerId expected = addr.peerId().orElseThrow(() ->
                new IllegalArgumentException("address must end in /p2p/<peer id>: " + addr));
        if (MultiaddrResolver.needsResolution(addr)) {
            if (!options.forceNewConnection()) {
                var existing = connections.get(expected);
                if (existing.isPresent()) {
                    return CompletableFuture.completedFuture(existing.get());
                }
            }
            return config.resolver().resolve(addr).thenCompose(resolved -> connectAny(addr, resolved, options));
        }
        if (options.forceNewConnection()) {
            return dial(addr.withoutPeerId(), expected, options);
        }
        return connections.get(expected).<CompletionStage<Connection>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> addr.isCircuit() ? dialCircuit(addr, expected)
                        : dial(addr.withoutPeerId(), expected, options));
    }

    /** Tries {@code resolved} one after another; fails with the last error when none connects. */
    private CompletionStage<Connection> connectAny(Multiaddr name, List<Multiaddr> resolved, DialOptions options) {
        CompletionStage<Connection> attempt = CompletableFuture.failedFuture(
                new UpgradeException(name + " resolved to no address"));
        for (Multiaddr next : resolved) {
            if (MultiaddrResolver.needsResolution(next) || next.peerId().isEmpty()) {
                continue;
            }
            attempt = attempt.exceptionallyCompose(e -> connect(next, options));
        }
        return attempt;
    }

    private CompletionStage<Connection> dialCircuit(Multiaddr addr, PeerId expected) {
        CircuitDialer dialer = circuitDialer;
        if (dialer == null) {
            return CompletableFuture.failedFuture(new UpgradeException("no relay client to dial " + addr));
        }
        return dialer.dial(addr, expected);
    }

    /**
     * Upgrades a relayed stream into a connection to {@code expected} (null when accepting): the
     * stream's pipeline must be empty of protocol handlers, since Noise and Yamux take it over from
     * here. The connection is registered like any other and reports {@link Connection#isRelayed()}.
     * The addresses are the circuit addresses of both ends, without the final /p2p of their peer.
     */
    public CompletionStage<Connection> upgradeRelayed(Channel stream, Direction direction, PeerId expected,
                                                      PeerId relay, Multiaddr localAddr, Multiaddr remoteAddr) {
        if (!connections.tryBeginUpgrade()) {
            stream.close();
            return CompletableFuture.failedFuture(new UpgradeException("connection limit reached"));
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Runnable install = () -> {
            stream.pipeline().addFirst("close-on-end-of-input", new CloseOnEndOfInput());
            upgrader.install(stream, direction, expected, new ConnectionUpgrader.RelayPath(relay, localAddr, remoteAddr))
                    .whenComplete((c, e) -> finishUpgrade(c, e, result));
        };
        if (stream.eventLoop().inEventLoop()) {
            install.run();
        } else {
            stream.eventLoop().execute(install);
        }
        return result;
    }

    /** Connects to a peer through the addresses the peerstore has for it, one after another. */
    public CompletionStage<Connection> connect(PeerId peer) {
        var existing = connections.get(peer);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        List<Multiaddr> known = peerstore.addrs(peer);
        List<Multiaddr> addrs = new ArrayList<>(known.stream().filter(Host::isDialable).toList());
        if (circuitDialer != null) {
            // Through a relay only when no direct address worked.
            known.stream().filter(Multiaddr::isCircuit).map(a -> a.withPeerId(peer)).forEach(addrs::add);
        }
        if (addrs.isEmpty()) {
            return CompletableFuture.failedFuture(new UpgradeException("no dialable address known for " + peer));
        }
        CompletionStage<Connection> attempt = dialAny(addrs.get(0), peer);
        for (Multiaddr next : addrs.subList(1, addrs.size())) {
            attempt = attempt.exceptionallyCompose(e -> dialAny(next, peer));
        }
        return attempt;
    }

    /** Opens a stream to a peer, connecting first if needed; see {@link Connection#newStream}. */
    public CompletionStage<Stream> newStream(PeerId peer, StreamHandler setup, String... protocolIds) {
        return connect(peer).thenCompose(c -> c.newStream(setup, protocolIds));
    }

    private CompletionStage<Connection> dialAny(Multiaddr addr, PeerId peer) {
        return addr.isCircuit() ? dialCircuit(addr, peer) : dial(addr, peer, DialOptions.DEFAULT);
    }

    private static boolean isDialable(Multiaddr a) {
        try {
            a.toInetSocketAddress();
            return !a.isCircuit();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private CompletionStage<Connection> dial(Multiaddr addr, PeerId expected, DialOptions options) {
        if (!connections.tryBeginUpgrade()) {
            return CompletableFuture.failedFuture(new UpgradeException("connection limit reached"));
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        InetSocketAddress remote;
        try {
            remote = addr.toInetSocketAddress();
        } catch (RuntimeException e) {
            connections.endUpgrade();
            return CompletableFuture.failedFuture(e);
        }
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                upgrader.install(ch, options.upgradeAs(), expected).whenComplete((c, e) -> finishUpgrade(c, e, result));
            }
        };
        InetSocketAddress bind = options.fromListenPort() || config.dialFromListenPort()
                ? ListenPorts.bindFor(remote, listeners, transport) : null;
        CompletionStage<Channel> socket;
        if (bind == null) {
            if (options.fromListenPort()) {
                connections.endUpgrade();
                return CompletableFuture.failedFuture(new UpgradeException(
                        "no listening port to dial " + remote + " from"));
            }
            socket = transport.dial(remote, init);
        } else if (options.fromListenPort()) {
            socket = options.connectTimeout().isPresent()
                    ? transport.dial(remote, bind, init, options.connectTimeout().get())
                    : transport.dial(remote, bind, init);
        } else {
            // The host's default: a port clash with another connection to the same remote is no
            // reason to fail, so such a dial goes again from an ephemeral port.
            socket = transport.dial(remote, bind, init).exceptionallyCompose(e ->
                    ListenPorts.isLocalClash(e) ? transport.dial(remote, init) : CompletableFuture.failedFuture(e));
        }
        socket.whenComplete((ch, e) -> {
            if (e != null) {
                connections.endUpgrade();
                result.completeExceptionally(e);
            }
        });
        return result.thenApply(c -> {
            peerstore.addAddrs(c.remotePeer(), List.of(addr), Peerstore.TEMP_ADDR_TTL);
            return c;
        });
    }

    /**
     * Promises the role {@code role} to a connection from {@code remote} that a listener may accept
     * while a hole punch with {@code peer} is under way; closing the subscription withdraws it.
     */
    public Subscription expectPunchFrom(InetSocketAddress remote, PeerId peer, Direction role) {
        if (!punchRoles.expect(remote, peer, role)) {
            return () -> { };
        }
        return () -> punchRoles.forget(remote, peer);
    }

    private ChannelHandler inboundInitializer() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (!connections.tryBeginUpgrade()) {
                    log.debug("refusing {}: connection limits reached", ch.remoteAddress());
                    ch.close();
                    return;
                }
                PunchRoles.Expected punch = punchRoles.lookup(ch.remoteAddress());
                if (punch != null) {
                    log.debug("accepted {} as the hole punch with {} promised: {}", ch.remoteAddress(), punch.peer(), punch.role());
                    upgrader.install(ch, punch.role(), punch.peer()).whenComplete((c, e) -> finishUpgrade(c, e, null));
                    return;
                }
                upgrader.install(ch, Direction.INBOUND, null).whenComplete((c, e) -> finishUpgrade(c, e, null));
            }
        };
    }

    private void finishUpgrade(Connection c, Throwable error, CompletableFuture<Connection> result) {
        connections.endUpgrade();
        if (error != null) {
            log.debug("upgrade failed: {}", error.getMessage());
            if (result != null) {
                result.completeExceptionally(error);
            }
            return;
        }
        if (!connections.add(c)) {
            c.close();
            if (result != null) {
                result.completeExceptionally(new UpgradeException("connection limit reached"));
            }
            return;
        }
        peerstore.setPublicKey(c.remotePeer(), c.remoteKey());
        c.channel().closeFuture().addListener(f -> events.publish(new HostEvent.Disconnected(c)));
        events.publish(new HostEvent.Connected(c));
        if (result != null) {
            result.complete(c);
        }
    }

    /** Publishes an event on behalf of a service (identify reports what it learned here). */
    public void publish(HostEvent event) {
        events.publish(event);
    }

    private CompletionStage<Stream> openStream(Connection connection, List<String> protocolIds, StreamHandler setup) {
        CompletableFuture<Stream> result = new CompletableFuture<>();
        connection.muxer().openStream(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                connection.trackStream(stream);
                MultistreamSelection selection = new MultistreamSelection((ctx, protocol) -> {
                    Stream s = new Stream(ctx.channel(), protocol, connection);
                    setup.handle(s);
                    result.complete(s);
                });
                selection.result().whenComplete((p, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    }
                });
                stream.pipeline().addLast(new MultistreamInitiator(protocolIds, selection));
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private void acceptStream(Connection connection, Channel stream) {
        if (connections.streamsTo(connection.remotePeer()) > config.limits().maxStreamsPerPeer()) {
            log.debug("resetting stream from {}: more than {} streams", connection.remotePeer(),
                    config.limits().maxStreamsPerPeer());
            stream.close();
            return;
        }
        MultistreamSelection selection = new MultistreamSelection((ctx, protocol) ->
                protocols.handler(protocol).orElseThrow().handle(new Stream(ctx.channel(), protocol, connection)));
        stream.pipeline().addLast(new MultistreamResponder(protocols::test, selection));
    }
}
