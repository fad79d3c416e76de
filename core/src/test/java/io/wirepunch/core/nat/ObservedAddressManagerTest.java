package io.wirepunch.core.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.FakeClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObservedAddressManagerTest {
    private static final InetSocketAddress LISTEN = sock("192.168.1.5", 4001);
    private static final InetSocketAddress EXTERNAL = sock("198.51.100.7", 4001);

    private final FakeClock clock = new FakeClock();
    private final ObservedAddressManager manager = new ObservedAddressManager(clock, ObservedAddressConfig.defaults());

    static InetSocketAddress sock(String ip, int port) {
        return new InetSocketAddress(ip(ip), port);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PeerId somePeer() {
        return Keys.generateEd25519().publicKey().peerId();
    }

    private void report(InetSocketAddress local, InetSocketAddress external, String observerIp) {
        manager.record(new Observation(local, external, ip(observerIp), somePeer()));
    }

    /** Observers in distinct /24s: 1.0.N.10 */
    private void reportFromDistinctGroups(InetSocketAddress local, InetSocketAddress external, int first, int count) {
        for (int i = first; i < first + count; i++) {
            report(local, external, "1.0." + i + ".10");
        }
    }

    @Test
    void confirmedOnceEnoughDistinctGroupsReportTheSameAddress() {
        int n = ObservedAddressConfig.DEFAULT_CONFIRMATIONS;
        reportFromDistinctGroups(LISTEN, EXTERNAL, 0, n - 1);
        assertThat(manager.confirmed()).isEmpty();
        assertThat(manager.observed()).singleElement().satisfies(o -> {
            assertThat(o.observers()).isEqualTo(n - 1);
            assertThat(o.confirmed()).isFalse();
        });
        reportFromDistinctGroups(LISTEN, EXTERNAL, n - 1, 1);
        assertThat(manager.confirmed()).singleElement().satisfies(o -> {
            assertThat(o.local()).isEqualTo(LISTEN);
            assertThat(o.external()).isEqualTo(EXTERNAL);
            assertThat(o.observers()).isEqualTo(n);
            assertThat(o.lastSeen()).isEqualTo(FakeClock.START);
        });
    }

    @Test
    void observersInOneSubnetCountOnce() {
        for (int i = 1; i <= 10; i++) {
            report(LISTEN, EXTERNAL, "1.0.0." + i);
        }
        for (int i = 1; i <= 10; i++) {
            report(LISTEN, EXTERNAL, "2001:db8:1:" + i + "::1");
        }
        assertThat(manager.observed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(2));
        report(LISTEN, EXTERNAL, "1.0.1.1");
        report(LISTEN, EXTERNAL, "2001:db8:2::1");
        assertThat(manager.confirmed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(4));
    }

    @Test
    void testbedsMayCountEachPeerAndAskForFewerConfirmations() {
        ObservedAddressManager testbed = new ObservedAddressManager(clock,
                ObservedAddressConfig.defaults().withObserversByPeer(true).withConfirmations(2));
        testbed.record(new Observation(LISTEN, EXTERNAL, ip("127.0.0.1"), somePeer()));
        assertThat(testbed.confirmed()).isEmpty();
        PeerId same = somePeer();
        testbed.record(new Observation(LISTEN, EXTERNAL, ip("127.0.0.1"), same));
        testbed.record(new Observation(LISTEN, EXTERNAL, ip("127.0.0.1"), same));
        assertThat(testbed.confirmed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(2));
    }

    @Test
    void inTestbedRangesEachObserverAddressIsItsOwnGroup() {
        ObservedAddressManager testbed = new ObservedAddressManager(clock,
                ObservedAddressConfig.defaults().withTestbedRanges(PublicRanges.parse("203.0.113.0/24")));
        for (int i = 1; i <= 4; i++) {
            testbed.record(new Observation(LISTEN, EXTERNAL, ip("203.0.113." + i), somePeer()));
            testbed.record(new Observation(LISTEN, EXTERNAL, ip("1.0.0." + i), somePeer()));
        }
        assertThat(testbed.confirmed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(5));
    }

    @Test
    void aGroupCountsOnlyForItsLatestReport() {
        reportFromDistinctGroups(LISTEN, EXTERNAL, 0, 4);
        InetSocketAddress moved = sock("198.51.100.7", 5555);
        report(LISTEN, moved, "1.0.0.10");
        assertThat(manager.confirmed()).isEmpty();
        assertThat(manager.observed()).extracting(ObservedAddress::external, ObservedAddress::observers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EXTERNAL, 3),
                        org.assertj.core.groups.Tuple.tuple(moved, 1));
    }

    @Test
    void reportsExpireAfterTheTtlUnlessRenewed() {
        Duration ttl = ObservedAddressConfig.DEFAULT_TTL;
        reportFromDistinctGroups(LISTEN, EXTERNAL, 0, 3);
        clock.advance(ttl.minusMinutes(1));
        reportFromDistinctGroups(LISTEN, EXTERNAL, 2, 2);
        assertThat(manager.confirmed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(4));
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        // groups 0 and 1 reported a TTL and a second ago: gone; 2 and 3 renewed.
        assertThat(manager.confirmed()).isEmpty();
        assertThat(manager.observed()).singleElement().satisfies(o -> assertThat(o.observers()).isEqualTo(2));
        clock.advance(ttl);
        assertThat(manager.observed()).isEmpty();
        assertThat(manager.mapping()).isEqualTo(NatMapping.UNKNOWN);
    }

    @Test
    void atMostMaxObserverGroupsPerEndpointTheOldestGoesFirst() {
        int max = ObservedAddressManager.MAX_OBSERVERS_PER_ENDPOINT;
        report(LISTEN, sock("198.51.100.7", 1), "1.0.0.10");
        clock.advance(Duration.ofSeconds(1));
        reportFromDistinctGroups(LISTEN, EXTERNAL, 1, max);
        assertThat(manager.observed()).singleElement().satisfies(o -> {
            assertThat(o.external()).isEqualTo(EXTERNAL);
            assertThat(o.observers()).isEqualTo(max);
        });
    }

    @Test
    void atMostMaxLocalEndpointsTheWeakestGoesFirst() {
        reportFromDistinctGroups(LISTEN, EXTERNAL, 0, 4);
        for (int port = 1; port <= ObservedAddressManager.MAX_LOCAL_ENDPOINTS + 10; port++) {
            clock.advance(Duration.ofSeconds(1));
            report(sock("192.168.1.5", 40000 + port), sock("198.51.100.7", 50000 + port), "1.0.200." + (port % 250));
        }
        assertThat(manager.observed()).hasSize(ObservedAddressManager.MAX_LOCAL_ENDPOINTS);
        assertThat(manager.confirmed()).singleElement().satisfies(o -> assertThat(o.local()).isEqualTo(LISTEN));
        // The oldest single-observer endpoints went; the newest stay.
        assertThat(manager.observed()).extracting(o -> o.local().getPort())
                .contains(40000 + ObservedAddressManager.MAX_LOCAL_ENDPOINTS + 10).doesNotContain(40001);
    }

    @Test
    void reportsThatCannotDescribeAMappingAreIgnored() {
        report(LISTEN, sock("2001:db8::1", 4001), "1.0.0.1");
        report(LISTEN, sock("0.0.0.0", 4001), "1.0.0.1");
        report(LISTEN, sock("198.51.100.7", 0), "1.0.0.1");
        report(LISTEN, InetSocketAddress.createUnresolved("example.com", 4001), "1.0.0.1");
        assertThat(manager.observed()).isEmpty();
    }

    @Test
    void sameExternalEndpointForEveryObserverIsEndpointIndependent() {
        assertThat(manager.mapping().behaviour()).isEqualTo(MappingBehaviour.UNKNOWN);
        report(LISTEN, EXTERNAL, "1.0.0.1");
        assertThat(manager.mapping().behaviour()).isEqualTo(MappingBehaviour.UNKNOWN);
        report(LISTEN, EXTERNAL, "1.0.1.1");
        NatMapping mapping = manager.mapping();
        assertThat(mapping.behaviour()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT);
        assertThat(mapping.evidence()).singleElement().satisfies(e -> {
            assertThat(e.local()).isEqualTo(LISTEN);
            assertThat(e.externals()).containsExactlyEntriesOf(java.util.Map.of(EXTERNAL, 2));
            assertThat(e.untranslated()).isFalse();
        });
    }

    @Test
    void differentPortsPerObserverIsEndpointDependent() {
        InetSocketAddress local = sock("192.168.1.5", 40123);
        report(local, sock("198.51.100.7", 61001), "1.0.0.1");
        report(local, sock("198.51.100.7", 61002), "1.0.1.1");
        report(LISTEN, EXTERNAL, "1.0.0.1");
        report(LISTEN, EXTERNAL, "1.0.1.1");
        NatMapping mapping = manager.mapping();
        assertThat(mapping.behaviour()).isEqualTo(MappingBehaviour.ENDPOINT_DEPENDENT);
        assertThat(mapping.evidence()).hasSize(2)
                .anySatisfy(e -> assertThat(e.behaviour()).isEqualTo(MappingBehaviour.ENDPOINT_DEPENDENT))
                .anySatisfy(e -> assertThat(e.behaviour()).isEqualTo(MappingBehaviour.ENDPOINT_INDEPENDENT));
    }

    @Test
    void singleObserverEndpointsTellNothingButUntranslatedOnesAreMarked() {
        for (int port = 1; port <= 5; port++) {
            report(sock("192.168.1.5", 40000 + port), sock("198.51.100.7", 50000 + port), "1.0." + port + ".1");
        }
        assertThat(manager.mapping()).isEqualTo(NatMapping.UNKNOWN);
        InetSocketAddress publicListen = sock("198.51.100.7", 4001);
        report(publicListen, publicListen, "1.0.0.1");
        report(publicListen, publicListen, "1.0.1.1");
        assertThat(manager.mapping().evidence()).singleElement().satisfies(e -> assertThat(e.untranslated()).isTrue());
    }

    @Test
    void configRefusesSettingsThatCannotConfirmAnything() {
        assertThatThrownBy(() -> ObservedAddressConfig.defaults().withConfirmations(ObservedAddressConfig.MIN_CONFIRMATIONS - 1))
                .hasMessageContaining("at least " + ObservedAddressConfig.MIN_CONFIRMATIONS);
        assertThat(ObservedAddressConfig.defaults().withConfirmations(ObservedAddressConfig.MIN_CONFIRMATIONS).confirmations())
                .isEqualTo(ObservedAddressConfig.MIN_CONFIRMATIONS);
        assertThatThrownBy(() -> new ObservedAddressConfig(4, Duration.ZERO, 24, 48, false, PublicRanges.NONE)).hasMessageContaining("TTL");
        assertThatThrownBy(() -> new ObservedAddressConfig(4, Duration.ofMinutes(1), 33, 48, false, PublicRanges.NONE)).hasMessageContaining("prefixes");
    }
}
