package io.wirepunch.core.measure;

import static org.awaitility.Awaitility.await;

import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Real nodes on 127.0.0.1 for the measurement tests: a relay, peers "behind NAT" reserved on it,
 * and the options under which loopback counts as public, so that observed addresses are dialable.
 */
public final class LoopbackNet implements AutoCloseable {
    public static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    public static final PublicRanges LOOPBACK_PUBLIC = PublicRanges.parse("127.0.0.0/8");
    /** Local work: starting, stopping, reserving. */
    public static final Duration SETTLE = Duration.ofSeconds(20);

    private final List<Node> nodes = new ArrayList<>();

    public static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(SETTLE.toSeconds(), TimeUnit.SECONDS);
    }

    public static NodeOptions options(HolePunchConfig holePunch) {
        return NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF)
                .withAutonat(AutoNatConfig.defaults().withPublicRanges(LOOPBACK_PUBLIC))
                .withHolePunch(holePunch);
    }

    /** The exchange itself, without dialling the remote's public addresses first. */
    public static HolePunchConfig exchangeOnly() {
        return HolePunchConfig.defaults().withOneSidedDial(false);
    }

    public Node start(NodeOptions options) throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)).withDialFromListenPort(true), options);
        nodes.add(node);
        get(node.start());
        return node;
    }

    public Node relay(Path dataDir) throws Exception {
        return start(NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF)
                .withRelayService(new RelayServiceSettings(RelayConfigFile.DEFAULTS, dataDir)));
    }

    /** A node reached only through {@code relay}: it keeps a reservation there. */
    public Node reserved(Node relay, NodeOptions options) throws Exception {
        Node n = start(options.withRelays(List.of(addr(relay))));
        await().atMost(SETTLE).until(() -> n.relayClient().reservation(relay.host().peerId()).isPresent());
        return n;
    }

    public static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    /** {@code /…/p2p/<relay>/p2p-circuit}, as punchr hands relay addresses out. */
    public static Multiaddr relayAddr(Node relay) {
        return addr(relay).encapsulate("/p2p-circuit");
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            get(node.stop());
        }
        nodes.clear();
    }
}
