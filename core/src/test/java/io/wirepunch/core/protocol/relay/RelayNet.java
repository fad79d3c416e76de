package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.testutil.FakeClock;
import io.wirepunch.core.upgrade.yamux.StreamHandlers;
import io.wirepunch.core.upgrade.yamux.YamuxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Nodes on loopback for relay tests: relays with a service, peers with a client, one fake clock. */
final class RelayNet implements AutoCloseable {
    static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    static final String ECHO = "/wirepunch-test/echo/1.0.0";

    final FakeClock clock = new FakeClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<Node> nodes = new ArrayList<>();

    /** A node running a relay service and a relay client, and an echo protocol. */
    record Peer(Node node, RelayClient client, RelayService service, List<RelayEvent> events) {
        Multiaddr addr() {
            return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
        }

        io.wirepunch.core.identity.PeerId id() {
            return node.host().peerId();
        }
    }

    Peer relay(RelayConfig config) throws Exception {
        return start(config, CircuitObserver.ALLOW_ALL);
    }

    Peer relay(RelayConfig config, CircuitObserver observer) throws Exception {
        return start(config, observer);
    }

    /** A relay whose Yamux sessions use {@code yamux} (windows, queue limits) instead of the defaults. */
    Peer relay(RelayConfig config, YamuxConfig yamux) throws Exception {
        return start(config, CircuitObserver.ALLOW_ALL, yamux);
    }

    Peer peer() throws Exception {
        return start(null, null);
    }

    private Peer start(RelayConfig config, CircuitObserver observer) throws Exception {
        return start(config, observer, YamuxConfig.defaults());
    }

    private Peer start(RelayConfig config, CircuitObserver observer, YamuxConfig yamux) throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)).withYamux(yamux), false);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(node);
        List<RelayEvent> events = new CopyOnWriteArrayList<>();
        RelayClient client = new RelayClient(node.host(), clock, scheduler);
        client.start();
        client.subscribe(events::add);
        RelayService service = null;
        if (config != null) {
            service = new RelayService(node.host(), config, clock, scheduler, observer, node.host()::dialableListenAddrs);
            service.start();
            service.subscribe(events::add);
        }
        node.host().protocols().register(ECHO, stream -> stream.channel().pipeline().addLast(new StreamHandlers.Echo()));
        return new Peer(node, client, service, events);
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            n.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
