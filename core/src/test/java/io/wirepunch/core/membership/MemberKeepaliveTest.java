package io.wirepunch.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keepalive round on real loopback nodes: dials bounded per round, pings who is connected. */
class MemberKeepaliveTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final List<Node> nodes = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private Node start() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF).withPerf(false));
        nodes.add(node);
        node.start().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return node;
    }

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        for (Node n : nodes) {
            n.stop().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static long connected(Node self, List<PeerId> members) {
        return members.stream().filter(p -> self.host().connections().get(p).isPresent()).count();
    }

    @Test
    void eachRoundDialsAtMostItsShareAndPingsTheConnected() throws Exception {
        Node self = start();
        StringBuilder file = new StringBuilder("name home\nsubnet 10.1.0.0/16\n");
        List<PeerId> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Node member = start();
            members.add(member.host().peerId());
            file.append("trust ").append(member.host().peerId()).append(" 127.0.0.1:")
                    .append(member.host().listenAddrs().get(0).toInetSocketAddress().getPort()).append('\n');
        }
        AtomicReference<MemberIndex> index = new AtomicReference<>(
                MemberIndex.of(self.host().peerId(), Map.of("home", NetworkConfig.parse(file.toString()))));
        MemberKeepalive keepalive = new MemberKeepalive(self, index::get, () -> index.get().memberIds(), Scheduler.of(timer), Clock.systemUTC(),
                Duration.ofSeconds(25), 2);

        keepalive.round();
        await().atMost(WAIT).until(() -> connected(self, members) == 2);
        // Give a third dial, were there one, time to show up.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> connected(self, members) == 2);
        assertThat(members).allSatisfy(p -> assertThat(keepalive.rtt(p)).isEmpty());

        keepalive.round();
        await().atMost(WAIT).until(() -> connected(self, members) == 3);
        await().atMost(WAIT).until(() -> members.stream().filter(p -> keepalive.rtt(p).isPresent()).count() == 2);

        keepalive.round();
        await().atMost(WAIT).until(() -> members.stream().allMatch(p -> keepalive.rtt(p).isPresent()));
        assertThat(keepalive.rtt(members.get(0)).orElseThrow().rtt()).isPositive();
    }
}
