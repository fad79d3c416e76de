package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Addresses beyond the listen addresses: announced through identify, pushed when they change, bounded. */
class AddressSourceTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Multiaddr OBSERVED = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");
    private static final Multiaddr MAPPED = Multiaddr.parse("/ip4/198.51.100.7/tcp/4002");

    @Test
    void sourcesFollowTheListenAddressesWithoutDuplicatesOrPeerIds() {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        assertThat(host.advertisedAddrs()).isEmpty();
        host.addAddressSource(() -> List.of(OBSERVED, OBSERVED.withPeerId(host.peerId())));
        Subscription mapped = host.addAddressSource(() -> List.of(MAPPED, OBSERVED));
        assertThat(host.advertisedAddrs()).containsExactly(OBSERVED, MAPPED);
        mapped.close();
        assertThat(host.advertisedAddrs()).containsExactly(OBSERVED);
    }

    @Test
    void aFailingSourceIsSkippedAndChangesReachTheListeners() {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        AtomicInteger changes = new AtomicInteger();
        host.onAddressesChanged(changes::incrementAndGet);
        Subscription broken = host.addAddressSource(() -> {
            throw new IllegalStateException("broken on purpose");
        });
        host.addAddressSource(() -> List.of(OBSERVED));
        assertThat(host.advertisedAddrs()).containsExactly(OBSERVED);
        broken.close();
        broken.close();
        assertThat(changes).hasValue(3);
    }

    @Test
    void atMostTheAdvertisedLimitIsAnnounced() {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        List<Multiaddr> many = new ArrayList<>();
        for (int i = 0; i <= Host.MAX_ADVERTISED_ADDRS; i++) {
            many.add(Multiaddr.parse("/ip4/198.51.100.7/tcp/" + (5000 + i)));
        }
        host.addAddressSource(() -> many.subList(0, Host.MAX_ADVERTISED_ADDRS));
        assertThat(host.advertisedAddrs()).hasSize(Host.MAX_ADVERTISED_ADDRS);
        host.addAddressSource(() -> many);
        assertThat(host.advertisedAddrs()).hasSize(Host.MAX_ADVERTISED_ADDRS)
                .doesNotContain(many.get(Host.MAX_ADVERTISED_ADDRS));
    }

    @Test
    void identifyAnnouncesTheSourcesAndPushesTheirChanges() throws Exception {
        Node a = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        Node b = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        try {
            a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<Multiaddr> bExtra = new CopyOnWriteArrayList<>(List.of(OBSERVED));
            b.host().addAddressSource(() -> bExtra);
            a.host().connect(b.host().listenAddrs().get(0).withPeerId(b.host().peerId()))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    a.host().peerstore().addrs(b.host().peerId()).contains(OBSERVED));

            bExtra.add(MAPPED);
            b.host().addressesChanged();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    a.host().peerstore().addrs(b.host().peerId()).contains(MAPPED));
        } finally {
            a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
