package io.wirepunch.core.nat.upnp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The node side: which port is mapped, what is announced, what is printed. */
@Timeout(30)
class UpnpNodeTest {
    /** A mapper that maps at once to 11.22.33.1 on the same port. */
    static final class InstantMapper implements PortMapper {
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        volatile Optional<PortMapping> mapping = Optional.empty();
        final AtomicInteger closes = new AtomicInteger();
        volatile int askedPort;

        @Override
        public CompletionStage<PortMapping> map(int internalPort) {
            askedPort = internalPort;
            Instant now = Instant.now();
            PortMapping m = new PortMapping(new InetSocketAddress("11.22.33.1", internalPort),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), internalPort), Duration.ofHours(1), now, now);
            mapping = Optional.of(m);
            listeners.forEach(Runnable::run);
            return CompletableFuture.completedFuture(m);
        }

        @Override
        public Optional<PortMapping> current() {
            return mapping;
        }

        @Override
        public PortMapperState state() {
            return PortMapperState.idle();
        }

        @Override
        public Subscription onChange(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            mapping = Optional.empty();
        }
    }

    @Test
    void theMappedAddressIsAdvertisedUntilStop() throws Exception {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        host.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            AtomicInteger changes = new AtomicInteger();
            host.onAddressesChanged(changes::incrementAndGet);
            InstantMapper mapper = new InstantMapper();
            NodeUpnp upnp = new NodeUpnp(host, mapper);
            upnp.start();
            PortMapping m = upnp.result().toCompletableFuture().get(5, TimeUnit.SECONDS);
            int port = host.listenAddrs().get(0).toInetSocketAddress().getPort();
            assertThat(mapper.askedPort).isEqualTo(port);
            assertThat(host.advertisedAddrs()).contains(Multiaddr.parse("/ip4/11.22.33.1/tcp/" + port));
            assertThat(changes.get()).isGreaterThanOrEqualTo(2);
            assertThat(NodeUpnp.reportLine(m, null)).isEqualTo("upnp mapped /ip4/11.22.33.1/tcp/" + port);
            upnp.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(mapper.closes).hasValue(1);
            assertThat(host.advertisedAddrs()).doesNotContain(Multiaddr.parse("/ip4/11.22.33.1/tcp/" + port));
        } finally {
            host.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstIpv4TcpPortIsMappedAndAnIpv6WildcardStandsForIpv4() {
        assertThat(NodeUpnp.firstIpv4TcpPort(List.of(Multiaddr.parse("/ip6/::1/tcp/5"),
                Multiaddr.parse("/ip4/10.0.0.2/tcp/7"), Multiaddr.parse("/ip4/10.0.0.2/tcp/8")))).isEqualTo(OptionalInt.of(7));
        assertThat(NodeUpnp.firstIpv4TcpPort(List.of(Multiaddr.parse("/ip6/::/tcp/4001")))).isEqualTo(OptionalInt.of(4001));
        assertThat(NodeUpnp.firstIpv4TcpPort(List.of(Multiaddr.parse("/ip6/::1/tcp/5")))).isEmpty();
    }

    @Test
    void aNodeWithoutAnIpv4ListenerSaysSo() throws Exception {
        Host host = new Host(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip6/::1/tcp/0"))));
        host.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            NodeUpnp upnp = new NodeUpnp(host, new InstantMapper());
            upnp.start();
            CompletableFuture<String> line = upnp.result().toCompletableFuture().handle(NodeUpnp::reportLine);
            assertThat(line.get(5, TimeUnit.SECONDS)).isEqualTo("upnp unavailable: the node listens on no IPv4 TCP address");
        } finally {
            host.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void netcheckLinesNameGatewayExternalIpAndMappingOrTheReason() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        PortMapping m = new PortMapping(new InetSocketAddress("11.22.33.1", 4001),
                new InetSocketAddress("10.0.1.10", 4001), Duration.ofHours(1), t, t);
        PortMapperState mapped = new PortMapperState(PortMapperState.Phase.MAPPED, Optional.of("R at http://10.0.1.1:5000/rootDesc.xml"),
                Optional.of(m.external().getAddress()), Optional.empty(), Optional.of(m), List.of());
        assertThat(NodeUpnp.reportLines(mapped, null)).containsExactly(
                "upnp gateway R at http://10.0.1.1:5000/rootDesc.xml",
                "upnp external-ip 11.22.33.1",
                "upnp mapped /ip4/11.22.33.1/tcp/4001 -> /ip4/10.0.1.10/tcp/4001 (lease 3600 s)");
        PortMapperState none = new PortMapperState(PortMapperState.Phase.UNAVAILABLE, Optional.empty(), Optional.empty(),
                Optional.of("no UPnP gateway answered within 3000 ms"), Optional.empty(), List.of());
        assertThat(NodeUpnp.reportLines(none, null)).containsExactly("upnp unavailable: no UPnP gateway answered within 3000 ms");
    }
}
