package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.ObservedAddressConfig;
import io.wirepunch.core.nat.ObservedAddressFeed;
import io.wirepunch.core.nat.ObservedAddressManager;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.testutil.FakeClock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CandidateAddressesTest {

    @Test
    void onlyPublicListenAddressesAndAtMostMaxCandidates() throws Exception {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(),
                Collections.nCopies(CandidateAddresses.MAX_CANDIDATES + 1, Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        Host server = new Host(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        host.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            // No identify runs here, so the server has reported no observed address.
            Connection toServer = host.connect(server.listenAddrs().get(0).withPeerId(server.peerId()))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            ObservedAddressFeed feed = new ObservedAddressFeed(host,
                    new ObservedAddressManager(new FakeClock(), ObservedAddressConfig.defaults()), PublicRanges.NONE,
                    new EventBus<>());
            assertThat(new CandidateAddresses(host, feed, PublicRanges.NONE).apply(toServer)).isEmpty();
            List<Multiaddr> testbed = new CandidateAddresses(host, feed, PublicRanges.parse("127.0.0.0/8")).apply(toServer);
            assertThat(testbed).hasSize(CandidateAddresses.MAX_CANDIDATES)
                    .isSubsetOf(host.listenAddrs()).doesNotHaveDuplicates();
        } finally {
            host.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
