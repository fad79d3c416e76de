package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.engine.DemoNetwork.DemoNodes;
import io.wirepunch.core.engine.JoinProgress.Stage;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A join's stages from real events: the relayed connection to the inviter, the hole punch, the outcome. */
class JoinWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final DemoNodes nodes = new DemoNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aJoinThroughARelayPassesEachStageOnceAndInOrder() throws Exception {
        Node relay = nodes.start(DemoNodes.options(true).withRelayService(
                new RelayServiceSettings(RelayConfigFile.DEFAULTS, tmp)));
        Node inviter = nodes.start(DemoNodes.options(true).withRelays(List.of(DemoNodes.addr(relay))));
        Node joiner = nodes.start(DemoNodes.options(true));
        DemoNodes.await(() -> inviter.relayClient().reservation(relay.host().peerId()).isPresent(), WAIT);
        DemoNodes.get(joiner.host().connect(DemoNodes.addr(relay)));
        DemoNodes.await(() -> !joiner.autonat().snapshot().observed().isEmpty(), WAIT);
        List<JoinProgress> seen = new CopyOnWriteArrayList<>();
        JoinWatch watch = new JoinWatch(joiner, JoinProgress.finding(inviter.host().peerId(), "wirepunch"), seen::add);

        DemoNodes.get(joiner.host().connect(DemoNodes.addr(relay).encapsulate("/p2p-circuit")
                .withPeerId(inviter.host().peerId())));
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(p -> p.stage() == Stage.PUNCHING));
        watch.joined(new JoinOutcome("wirepunch", inviter.host().peerId(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1)));

        assertThat(seen).extracting(JoinProgress::stage)
                .containsExactly(Stage.FINDING, Stage.THROUGH_RELAY, Stage.PUNCHING, Stage.DIRECT);
        assertThat(seen.get(1).relay()).contains(relay.host().peerId());
        assertThat(seen.get(3).relay()).contains(relay.host().peerId());
        assertThat(seen.get(3).outcome()).isPresent();
    }

    @Test
    void aFailedJoinSaysWhyAndNothingFollows() throws Exception {
        Node joiner = nodes.start(DemoNodes.options(true));
        Node inviter = nodes.start(DemoNodes.options(true));
        List<JoinProgress> seen = new CopyOnWriteArrayList<>();
        JoinWatch watch = new JoinWatch(joiner, JoinProgress.finding(inviter.host().peerId(), "wirepunch"), seen::add);

        watch.failed("could not reach the inviter");
        DemoNodes.get(joiner.host().connect(DemoNodes.addr(inviter)));

        assertThat(seen).extracting(JoinProgress::stage).containsExactly(Stage.FINDING, Stage.FAILED);
        assertThat(seen.get(1).error()).contains("could not reach the inviter");
    }
}
