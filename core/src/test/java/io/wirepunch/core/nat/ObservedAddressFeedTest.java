package io.wirepunch.core.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Identify's observed addresses, over real loopback connections, reach the manager; confirmed
 * public addresses of the listen port are announced; reports of closed connections lapse.
 */
class ObservedAddressFeedTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final PublicRanges LOOPBACK_IS_PUBLIC = PublicRanges.parse("127.0.0.0/8");

    private final FakeClock clock = new FakeClock();
    private final List<Node> nodes = new ArrayList<>();
    private final EventBus<NatEvent> bus = new EventBus<>();
    private final List<NatEvent> events = new CopyOnWriteArrayList<>();
    /** Every node here is at 127.0.0.1: each peer counts as an observer, and two confirm. */
    private final ObservedAddressManager manager = new ObservedAddressManager(clock,
            ObservedAddressConfig.defaults().withObserversByPeer(true).withConfirmations(2));

    private Node start() throws Exception {
        Node n = new Node(new HostConfig(Keys.generateEd25519(), List.of(LOOPBACK),
                io.wirepunch.core.host.ConnectionLimits.defaults(), io.wirepunch.core.upgrade.yamux.YamuxConfig.defaults(),
                clock, false, io.wirepunch.core.dns.MultiaddrResolver.system()), false);
        n.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(n);
        return n;
    }

    @AfterEach
    void stop() throws Exception {
        for (Node n : nodes) {
            n.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Connection dial(Node from, Node to) throws Exception {
        return from.host().connect(to.host().listenAddrs().get(0).withPeerId(to.host().peerId()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ObservedAddressFeed feed(Node subject, PublicRanges ranges) {
        bus.subscribe(events::add);
        ObservedAddressFeed feed = new ObservedAddressFeed(subject.host(), manager, ranges, bus);
        feed.start();
        return feed;
    }

    @Test
    void inboundReportsOfTheListenPortAreConfirmedAndAnnounced() throws Exception {
        Node subject = start();
        ObservedAddressFeed feed = feed(subject, LOOPBACK_IS_PUBLIC);
        Multiaddr listen = subject.host().listenAddrs().get(0);

        dial(start(), subject);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.observed().size() == 1);
        assertThat(feed.announced()).isEmpty();

        Node observer = start();
        Connection second = dial(observer, subject);
        await().atMost(Duration.ofSeconds(10)).until(() -> !feed.announced().isEmpty());
        assertThat(feed.announced()).containsExactly(listen);
        assertThat(subject.host().advertisedAddrs()).contains(listen);
        assertThat(events).contains(new NatEvent.ConfirmedAddressesChanged(List.of(listen)));
        assertThat(manager.mapping().behaviour()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(NatEvent.MappingChanged.class));
        assertThat(feed.observedIp(subject.host().connections().get(observer.host().peerId()).orElseThrow()))
                .contains(java.net.InetAddress.getByName("127.0.0.1"));

        // The second observer leaves: its report is no longer renewed and lapses with the TTL.
        second.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> subject.host().connections().size() == 1);
        clock.advance(ObservedAddressConfig.DEFAULT_TTL.minus(ObservedAddressFeed.RENEW_INTERVAL));
        feed.renew();
        assertThat(feed.announced()).containsExactly(listen);
        clock.advance(ObservedAddressFeed.RENEW_INTERVAL.plusSeconds(1));
        feed.renew();
        assertThat(feed.announced()).isEmpty();
        assertThat(manager.observed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(1));
        assertThat(events).contains(new NatEvent.ConfirmedAddressesChanged(List.of()));
    }

    @Test
    void addressesOutsideThePublicRangesAreNeverAnnounced() throws Exception {
        Node subject = start();
        ObservedAddressFeed feed = feed(subject, PublicRanges.NONE);
        dial(start(), subject);
        dial(start(), subject);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.confirmed().size() == 1);
        assertThat(feed.announced()).isEmpty();
    }

    @Test
    void reportsOfOutboundConnectionsFromEphemeralPortsAreKeptButNotAnnounced() throws Exception {
        Node subject = start();
        ObservedAddressFeed feed = feed(subject, LOOPBACK_IS_PUBLIC);
        Connection a = dial(subject, start());
        Connection b = dial(subject, start());
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.observed().size() == 2);
        assertThat(manager.observed()).extracting(ObservedAddress::external)
                .containsExactlyInAnyOrder(a.localAddr().toInetSocketAddress(), b.localAddr().toInetSocketAddress());
        assertThat(manager.confirmed()).isEmpty();
        assertThat(feed.announced()).isEmpty();
        assertThat(manager.mapping().behaviour()).isEqualTo(MappingBehaviour.UNKNOWN);
    }
}
