package io.wirepunch.core.nat.upnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class UpnpPortMapperTest {
    private static final int PORT = 4001;
    private static final UpnpConfig FAST = UpnpConfig.defaults()
            .withDiscoveryTimeout(Duration.ofMillis(300)).withHttpTimeout(Duration.ofMillis(300));

    private static UpnpPortMapper mapper(UpnpConfig config, FakeGateway gateway) {
        return new UpnpPortMapper(config, (t, h) -> gateway, Clock.systemUTC(), new Random(1));
    }

    private static PortMapping mapped(UpnpPortMapper m) throws Exception {
        return m.map(PORT).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String failure(UpnpPortMapper m) {
        CompletableFuture<PortMapping> f = m.map(PORT).toCompletableFuture();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PortMappingException.class);
        assertThat(m.state().phase()).isEqualTo(PortMapperState.Phase.UNAVAILABLE);
        assertThat(m.current()).isEmpty();
        return m.state().reason().orElseThrow();
    }

    @Test
    void mapsTheSamePortAskingForTheLeaseAndRemovesItOnClose() throws Exception {
        FakeGateway gw = FakeGateway.friendly();
        AtomicInteger changes = new AtomicInteger();
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            m.onChange(changes::incrementAndGet);
            PortMapping p = mapped(m);
            assertThat(p.externalMultiaddr().toString()).isEqualTo("/ip4/11.22.33.1/tcp/4001");
            assertThat(p.internal().getPort()).isEqualTo(PORT);
            assertThat(p.lease()).isEqualTo(UpnpConfig.LEASE);
            FakeGateway.Call add = gw.calls.stream().filter(c -> c.action().equals("AddPortMapping")).findFirst().orElseThrow();
            assertThat(add.args()).containsEntry("NewLeaseDuration", "3600").containsEntry("NewProtocol", "TCP")
                    .containsEntry("NewPortMappingDescription", "wirepunch").containsEntry("NewInternalClient", "127.0.0.1");
            PortMapperState s = m.state();
            assertThat(s.phase()).isEqualTo(PortMapperState.Phase.MAPPED);
            assertThat(s.gateway()).contains("fake gateway");
            assertThat(s.externalIp().orElseThrow().getHostAddress()).isEqualTo("11.22.33.1");
            assertThat(changes).hasValue(1);
            m.close();
            assertThat(gw.calls.get(gw.calls.size() - 1).action()).isEqualTo("DeletePortMapping");
            assertThat(gw.calls.get(gw.calls.size() - 1).args()).containsEntry("NewExternalPort", "4001");
            assertThat(m.current()).isEmpty();
            assertThat(m.state().phase()).isEqualTo(PortMapperState.Phase.CLOSED);
            assertThat(changes).hasValue(2);
        }
    }

    @Test
    void aTakenPortMovesOnToOthersAndARefusalStops() throws Exception {
        FakeGateway gw = FakeGateway.friendly();
        gw.answer = (action, args) -> switch (action) {
            case "GetExternalIPAddress" -> Map.of("NewExternalIPAddress", "11.22.33.1");
            case "AddPortMapping" -> args.get("NewExternalPort").equals("4001")
                    ? Map.of("errorCode", "718", "errorDescription", "ConflictInMappingEntry") : Map.of();
            default -> Map.of();
        };
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            PortMapping p = mapped(m);
            assertThat(p.external().getPort()).isNotEqualTo(PORT).isBetween(1024, 65535);
            assertThat(p.internal().getPort()).isEqualTo(PORT);
            assertThat(m.state().errors()).anyMatch(e -> e.contains("718"));
        }
        gw.answer = (action, args) -> action.equals("GetExternalIPAddress")
                ? Map.of("NewExternalIPAddress", "11.22.33.1") : Map.of("errorCode", "718");
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            assertThat(failure(m)).startsWith("every external port tried").contains("718");
        }
        gw.answer = (action, args) -> action.equals("GetExternalIPAddress")
                ? Map.of("NewExternalIPAddress", "11.22.33.1") : Map.of("errorCode", "606", "errorDescription", "Action not authorized");
        gw.calls.clear();
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            assertThat(failure(m)).contains("606 Action not authorized");
            assertThat(gw.count("AddPortMapping")).isEqualTo(1);
        }
    }

    @Test
    void aGatewayThatOnlyGrantsPermanentLeasesGetsAskedForOneAndIsNotRenewed() throws Exception {
        FakeGateway gw = FakeGateway.friendly();
        gw.answer = (action, args) -> switch (action) {
            case "GetExternalIPAddress" -> Map.of("NewExternalIPAddress", "11.22.33.1");
            case "AddPortMapping" -> args.get("NewLeaseDuration").equals("0") ? Map.of()
                    : Map.of("errorCode", "725", "errorDescription", "OnlyPermanentLeasesSupported");
            default -> Map.of();
        };
        try (UpnpPortMapper m = mapper(FAST.withLease(Duration.ofSeconds(2)), gw)) {
            PortMapping p = mapped(m);
            assertThat(p.lease()).isZero();
            Thread.sleep(2500);
            assertThat(gw.count("AddPortMapping")).isEqualTo(2);
        }
    }

    @Test
    void noGatewayAndBadExternalIpsAreClearReasons() {
        try (UpnpPortMapper m = new UpnpPortMapper(FAST, (t, h) -> {
            throw new PortMappingException("no UPnP gateway answered within 300 ms");
        }, Clock.systemUTC(), new Random(1))) {
            assertThat(failure(m)).isEqualTo("no UPnP gateway answered within 300 ms");
            assertThat(m.state().gateway()).isEmpty();
        }
        FakeGateway gw = new FakeGateway((action, args) -> Map.of("NewExternalIPAddress", "router.example"));
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            assertThat(failure(m)).isEqualTo("the gateway's external IP address is not an IPv4 address: 'router.example'");
            assertThat(m.state().gateway()).contains("fake gateway");
            assertThat(gw.count("AddPortMapping")).isZero();
        }
        FakeGateway broken = new FakeGateway((action, args) -> {
            throw new IllegalStateException("boom");
        });
        try (UpnpPortMapper m = mapper(FAST, broken)) {
            assertThat(failure(m)).contains("GetExternalIPAddress failed").contains("boom");
        }
    }

    @Test
    void aGatewayThatNeverAnswersIsGivenUpWithinTheLimits() {
        FakeGateway gw = new FakeGateway((action, args) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        });
        long start = System.nanoTime();
        try (UpnpPortMapper m = mapper(FAST, gw)) {
            assertThat(failure(m)).contains("did not answer within");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.mapDeadline().plusSeconds(2));
        try (UpnpPortMapper m = new UpnpPortMapper(FAST, (t, h) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return gw;
        }, Clock.systemUTC(), new Random(1))) {
            assertThat(failure(m)).isEqualTo("no UPnP gateway answered within " + FAST.discoveryTimeout()
                    .plus(FAST.httpTimeout().multipliedBy(2)).toMillis() + " ms");
        }
    }

    @Test
    void renewsAtHalfTheLeaseAndLosesTheMappingWhenRenewalFailsPastExpiry() throws Exception {
        FakeGateway gw = FakeGateway.friendly();
        AtomicInteger changes = new AtomicInteger();
        try (UpnpPortMapper m = mapper(FAST.withLease(Duration.ofSeconds(2)).withRenewRetry(Duration.ofSeconds(1)), gw)) {
            m.onChange(changes::incrementAndGet);
            PortMapping first = mapped(m);
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.count("AddPortMapping") >= 2);
            await().atMost(Duration.ofSeconds(2)).until(() -> m.current().orElseThrow().renewedAt().isAfter(first.renewedAt()));
            assertThat(m.current().orElseThrow().mappedAt()).isEqualTo(first.mappedAt());
            gw.answer = (action, args) -> Map.of("errorCode", "501", "errorDescription", "ActionFailed");
            await().atMost(Duration.ofSeconds(8)).until(() -> m.current().isEmpty());
            assertThat(m.state().phase()).isEqualTo(PortMapperState.Phase.UNAVAILABLE);
            assertThat(m.state().reason().orElseThrow()).startsWith("the lease ran out");
            assertThat(m.state().errors()).isNotEmpty().hasSizeLessThanOrEqualTo(UpnpConfig.MAX_ERRORS_KEPT);
            assertThat(changes).hasValue(2);
            gw.answer = FakeGateway.friendly().answer;
            await().atMost(Duration.ofSeconds(5)).until(() -> m.current().isPresent());
            assertThat(m.state().phase()).isEqualTo(PortMapperState.Phase.MAPPED);
            assertThat(changes).hasValue(3);
        }
    }

    @Test
    void closingWhileTheGatewayIsStillMappingRemovesTheMappingItGrants() throws Exception {
        java.util.concurrent.CountDownLatch adding = new java.util.concurrent.CountDownLatch(1);
        FakeGateway gw = new FakeGateway((action, args) -> {
            if (action.equals("AddPortMapping")) {
                adding.countDown();
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return action.equals("GetExternalIPAddress") ? Map.of("NewExternalIPAddress", "11.22.33.1") : Map.of();
        });
        UpnpPortMapper m = mapper(FAST, gw);
        CompletableFuture<PortMapping> f = m.map(PORT).toCompletableFuture();
        assertThat(adding.await(5, TimeUnit.SECONDS)).isTrue();
        m.close();
        assertThat(f).isCompletedExceptionally();
        assertThat(gw.count("DeletePortMapping")).isEqualTo(1);
        assertThat(m.current()).isEmpty();
        assertThat(m.state().phase()).isEqualTo(PortMapperState.Phase.CLOSED);
    }

    @Test
    void closingDuringDiscoveryDoesNotWaitForIt() {
        UpnpPortMapper m = new UpnpPortMapper(UpnpConfig.defaults(), (t, h) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeGateway.friendly();
        }, Clock.systemUTC(), new Random(1));
        CompletableFuture<PortMapping> f = m.map(PORT).toCompletableFuture();
        long start = System.nanoTime();
        m.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).hasMessageContaining("closed");
    }

    @Test
    void inputIsChecked() {
        try (UpnpPortMapper m = mapper(FAST, FakeGateway.friendly())) {
            assertThatThrownBy(() -> m.map(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> m.map(65536)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> UpnpConfig.defaults().withLease(Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpnpConfig.defaults().withHttpTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
