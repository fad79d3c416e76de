package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.ALWAYS_ALIVE;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.NEVER_ALIVE;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.addresses;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.distinctNetwork;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.peerInBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private final Random random = new Random(42);
    private final KadId local = KadId.random(random);
    private final FakeClock clock = new FakeClock();

    private RoutingTable table(RoutingTableConfig config, LivenessCheck check) {
        return new RoutingTable(local, config, check, clock, random);
    }

    private static AddOutcome add(RoutingTable table, PeerId peer, List<Multiaddr> addresses) {
        return table.peerAnsweredQuery(peer, addresses).toCompletableFuture().join();
    }

    /** Fills bucket {@code index} with peers from distinct networks; returns them in insertion order. */
    private List<PeerId> fill(RoutingTable table, int index, int count) {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PeerId peer = peerInBucket(local, index, random);
            assertThat(add(table, peer, distinctNetwork(index * 1000 + i))).isEqualTo(AddOutcome.ADDED);
            peers.add(peer);
            clock.advance(Duration.ofSeconds(1));
        }
        return peers;
    }

    @Test
    void peersLandInTheBucketOfTheirCommonPrefix() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        for (int index : new int[] {0, 1, 5, 12}) {
            PeerId peer = peerInBucket(local, index, random);
            assertThat(add(table, peer, distinctNetwork(index))).isEqualTo(AddOutcome.ADDED);
            assertThat(table.bucketIndex(KadId.of(peer))).isEqualTo(index);
            assertThat(table.find(peer)).get().extracting(PeerEntry::lastSeen, PeerEntry::lastUseful)
                    .containsExactly(TestPeers.START, TestPeers.START);
        }
        assertThat(table.size()).isEqualTo(4);
    }

    @Test
    void aBucketHoldsAtMostKPeersAndTheNextOneWaitsWhileTheOldestAnswers() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        List<PeerId> peers = fill(table, 0, RoutingTableConfig.K);
        PeerId newcomer = peerInBucket(local, 0, random);

        assertThat(add(table, newcomer, distinctNetwork(999))).isEqualTo(AddOutcome.CACHED);

        assertThat(table.size()).isEqualTo(RoutingTableConfig.K);
        assertThat(table.find(newcomer)).isEmpty();
        assertThat(table.replacements(0)).extracting(PeerEntry::peerId).containsExactly(newcomer);
        // The oldest answered its check, so it is now the most recently seen.
        assertThat(table.peers()).last().extracting(PeerEntry::peerId).isEqualTo(peers.get(0));
        assertThat(table.find(peers.get(0))).get().extracting(PeerEntry::lastSeen).isEqualTo(clock.instant());
    }

    @Test
    void aFailedLivenessCheckEvictsTheLeastRecentlySeenPeer() {
        List<PeerEntry> checked = new ArrayList<>();
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(3), peer -> {
            checked.add(peer);
            return NEVER_ALIVE.isAlive(peer);
        });
        List<PeerId> peers = fill(table, 2, 3);
        table.peerSeen(peers.get(0)); // now peers.get(1) is the least recently seen
        PeerId newcomer = peerInBucket(local, 2, random);

        assertThat(add(table, newcomer, distinctNetwork(77))).isEqualTo(AddOutcome.REPLACED_UNRESPONSIVE);

        assertThat(checked).extracting(PeerEntry::peerId).containsExactly(peers.get(1));
        assertThat(table.peers()).extracting(PeerEntry::peerId).containsExactly(peers.get(2), peers.get(0), newcomer);
    }

    @Test
    void aLivenessCheckThatThrowsOrFailsExceptionallyCountsAsGone() {
        RoutingTable throwing = table(RoutingTableConfig.defaults().withBucketSize(1), peer -> {
            throw new IllegalStateException("no connection");
        });
        fill(throwing, 0, 1);
        assertThat(add(throwing, peerInBucket(local, 0, random), distinctNetwork(5))).isEqualTo(AddOutcome.REPLACED_UNRESPONSIVE);

        RoutingTable failing = table(RoutingTableConfig.defaults().withBucketSize(1),
                peer -> CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException()));
        fill(failing, 0, 1);
        assertThat(add(failing, peerInBucket(local, 0, random), distinctNetwork(6))).isEqualTo(AddOutcome.REPLACED_UNRESPONSIVE);
    }

    @Test
    void oneCheckAtATimePerBucketAndAStaleCheckStopsBlockingAfterItsTimeout() {
        List<CompletableFuture<Boolean>> pending = new ArrayList<>();
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(2), peer -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        });
        fill(table, 1, 2);
        CompletionStage<AddOutcome> first = table.peerAnsweredQuery(peerInBucket(local, 1, random), distinctNetwork(50));
        assertThat(add(table, peerInBucket(local, 1, random), distinctNetwork(51))).isEqualTo(AddOutcome.CACHED);
        assertThat(pending).hasSize(1);

        clock.advance(RoutingTableConfig.DEFAULT_LIVENESS_CHECK_TIMEOUT.minusSeconds(1));
        table.peerAnsweredQuery(peerInBucket(local, 1, random), distinctNetwork(52));
        assertThat(pending).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        table.peerAnsweredQuery(peerInBucket(local, 1, random), distinctNetwork(53));
        assertThat(pending).hasSize(2);

        pending.get(0).complete(false);
        assertThat(first.toCompletableFuture().join()).isEqualTo(AddOutcome.REPLACED_UNRESPONSIVE);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void theLivenessCheckRunsWithoutTheTableLock() throws Exception {
        RoutingTable[] holder = new RoutingTable[1];
        List<Integer> sizeSeenByOtherThread = new ArrayList<>();
        holder[0] = table(RoutingTableConfig.defaults().withBucketSize(1), peer -> {
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> holder[0].size());
            try {
                sizeSeenByOtherThread.add(other.get(5, java.util.concurrent.TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("another thread could not use the table during the check", e);
            }
            return CompletableFuture.completedFuture(true);
        });
        fill(holder[0], 0, 1);
        assertThat(add(holder[0], peerInBucket(local, 0, random), distinctNetwork(9))).isEqualTo(AddOutcome.CACHED);
        assertThat(sizeSeenByOtherThread).containsExactly(1);
    }

    @Test
    void theReplacementCacheKeepsOnlyTheMostRecentNewcomers() {
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(1), ALWAYS_ALIVE);
        fill(table, 0, 1);
        List<PeerId> newcomers = IntStream.range(0, RoutingTableConfig.DEFAULT_REPLACEMENT_CACHE_SIZE + 1)
                .mapToObj(i -> peerInBucket(local, 0, random)).toList();
        for (int i = 0; i < newcomers.size(); i++) {
            assertThat(add(table, newcomers.get(i), distinctNetwork(100 + i))).isEqualTo(AddOutcome.CACHED);
        }
        assertThat(table.replacements(0)).hasSize(RoutingTableConfig.DEFAULT_REPLACEMENT_CACHE_SIZE)
                .extracting(PeerEntry::peerId).doesNotContain(newcomers.get(0))
                .first().isEqualTo(newcomers.get(newcomers.size() - 1));
    }

    @Test
    void repeatedFailuresRemoveAPeerAndTheNewestReplacementTakesItsSlot() {
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(1), ALWAYS_ALIVE);
        PeerId member = fill(table, 0, 1).get(0);
        PeerId older = peerInBucket(local, 0, random);
        PeerId newer = peerInBucket(local, 0, random);
        add(table, older, distinctNetwork(1));
        add(table, newer, distinctNetwork(2));

        for (int i = 1; i < RoutingTableConfig.DEFAULT_FAILED_QUERIES_BEFORE_REMOVAL; i++) {
            assertThat(table.peerFailedQuery(member)).isFalse();
        }
        assertThat(table.find(member)).get().extracting(PeerEntry::failedQueries)
                .isEqualTo(RoutingTableConfig.DEFAULT_FAILED_QUERIES_BEFORE_REMOVAL - 1);
        assertThat(table.peerFailedQuery(member)).isTrue();

        assertThat(table.peers()).extracting(PeerEntry::peerId).containsExactly(newer);
        assertThat(table.replacements(0)).extracting(PeerEntry::peerId).containsExactly(older);
    }

    @Test
    void anAnswerResetsTheFailureCount() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        PeerId peer = fill(table, 3, 1).get(0);
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < RoutingTableConfig.DEFAULT_FAILED_QUERIES_BEFORE_REMOVAL; i++) {
                assertThat(table.peerFailedQuery(peer)).isFalse();
            }
            assertThat(add(table, peer, List.of())).isEqualTo(AddOutcome.UPDATED);
        }
        assertThat(table.find(peer)).get().extracting(PeerEntry::failedQueries).isEqualTo(0);
    }

    @Test
    void atMostTwoPeersOfOneIpv4Slash24PerBucket() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.9.1/tcp/1"))).isEqualTo(AddOutcome.ADDED);
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.9.2/tcp/1"))).isEqualTo(AddOutcome.ADDED);
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.9.3/tcp/1")))
                .isEqualTo(AddOutcome.REJECTED_DIVERSITY);
        // Another /24 and another bucket are unaffected.
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.8.3/tcp/1"))).isEqualTo(AddOutcome.ADDED);
        assertThat(add(table, peerInBucket(local, 1, random), addresses("/ip4/9.9.9.3/tcp/1"))).isEqualTo(AddOutcome.ADDED);
        assertThat(table.size()).isEqualTo(4);
    }

    @Test
    void atMostTwoPeersOfOneIpv6Slash48PerBucketAndTheLimitIsConfigurable() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        add(table, peerInBucket(local, 0, random), addresses("/ip6/2001:db8:5::1/tcp/1"));
        add(table, peerInBucket(local, 0, random), addresses("/ip6/2001:db8:5:1::1/tcp/1"));
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip6/2001:db8:5:2::1/tcp/1")))
                .isEqualTo(AddOutcome.REJECTED_DIVERSITY);
        assertThat(add(table, peerInBucket(local, 0, random), addresses("/ip6/2001:db8:6::1/tcp/1"))).isEqualTo(AddOutcome.ADDED);

        RoutingTable loopback = table(RoutingTableConfig.defaults()
                .withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK), ALWAYS_ALIVE);
        for (int i = 0; i < 10; i++) {
            assertThat(add(loopback, peerInBucket(local, 0, random), addresses("/ip4/127.0.0.1/tcp/" + (4000 + i))))
                    .isEqualTo(AddOutcome.ADDED);
        }
    }

    @Test
    void anAddressChangeIntoAFullNetworkKeepsTheOldAddresses() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.9.1/tcp/1"));
        add(table, peerInBucket(local, 0, random), addresses("/ip4/9.9.9.2/tcp/1"));
        PeerId mover = peerInBucket(local, 0, random);
        add(table, mover, addresses("/ip4/7.7.7.7/tcp/1"));

        assertThat(add(table, mover, addresses("/ip4/9.9.9.3/tcp/1"))).isEqualTo(AddOutcome.UPDATED);
        assertThat(table.find(mover).orElseThrow().addresses()).isEqualTo(addresses("/ip4/7.7.7.7/tcp/1"));
        assertThat(add(table, mover, addresses("/ip4/7.7.6.1/tcp/2"))).isEqualTo(AddOutcome.UPDATED);
        assertThat(table.find(mover).orElseThrow().addresses()).isEqualTo(addresses("/ip4/7.7.6.1/tcp/2"));
    }

    @Test
    void keepsAtMostTheFirstSixteenAddresses() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        List<Multiaddr> many = IntStream.range(0, RoutingTable.MAX_ADDRESSES_PER_PEER + 1)
                .mapToObj(i -> Multiaddr.parse("/ip4/8.8.8.8/tcp/" + (1000 + i))).toList();
        PeerId peer = peerInBucket(local, 0, random);
        add(table, peer, many);
        assertThat(table.find(peer).orElseThrow().addresses())
                .isEqualTo(many.subList(0, RoutingTable.MAX_ADDRESSES_PER_PEER));
    }

    @Test
    void onlyAnAnswerAddsAPeer() {
        RoutingTable table = table(RoutingTableConfig.defaults(), ALWAYS_ALIVE);
        PeerId peer = peerInBucket(local, 0, random);
        table.peerSeen(peer);
        assertThat(table.peerFailedQuery(peer)).isFalse();
        assertThat(table.size()).isZero();
        assertThat(add(table, peer, distinctNetwork(1))).isEqualTo(AddOutcome.ADDED);
        clock.advance(Duration.ofMinutes(1));
        table.peerSeen(peer);
        assertThat(table.find(peer).orElseThrow().lastSeen()).isEqualTo(clock.instant());
        assertThat(table.find(peer).orElseThrow().lastUseful()).isEqualTo(TestPeers.START);
    }

    @Test
    void theLocalPeerIsNeverAdded() {
        PeerId self = TestPeers.randomPeer(random);
        RoutingTable table = new RoutingTable(KadId.of(self), RoutingTableConfig.defaults(), ALWAYS_ALIVE, clock);
        assertThat(add(table, self, distinctNetwork(1))).isEqualTo(AddOutcome.REJECTED_SELF);
        assertThat(table.size()).isZero();
        assertThat(table.closest(KadId.of(self), 5)).isEmpty();
    }

    @Test
    void removeFreesTheSlotForTheNewestReplacement() {
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(1), ALWAYS_ALIVE);
        PeerId member = fill(table, 0, 1).get(0);
        PeerId waiting = peerInBucket(local, 0, random);
        add(table, waiting, distinctNetwork(3));
        assertThat(table.remove(member)).isTrue();
        assertThat(table.peers()).extracting(PeerEntry::peerId).containsExactly(waiting);
        assertThat(table.remove(member)).isFalse();
    }

    @Test
    void withoutAReplacementCacheANewcomerToAFullLiveBucketIsDropped() {
        RoutingTable table = table(RoutingTableConfig.defaults().withBucketSize(1).withReplacementCacheSize(0), ALWAYS_ALIVE);
        PeerId member = fill(table, 0, 1).get(0);
        assertThat(add(table, peerInBucket(local, 0, random), distinctNetwork(4))).isEqualTo(AddOutcome.DROPPED);
        assertThat(table.replacements(0)).isEmpty();
        assertThat(table.peers()).extracting(PeerEntry::peerId).containsExactly(member);
    }

    @Test
    void theFailureThresholdIsConfigurable() {
        RoutingTable table = table(RoutingTableConfig.defaults().withFailedQueriesBeforeRemoval(1), ALWAYS_ALIVE);
        PeerId peer = fill(table, 0, 1).get(0);
        assertThat(table.peerFailedQuery(peer)).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void configRefusesLimitsThatCannotWork() {
        RoutingTableConfig defaults = RoutingTableConfig.defaults();
        assertThat(defaults.bucketSize()).isEqualTo(20);
        assertThat(defaults.maxPeersPerNetwork()).isEqualTo(2);
        assertThat(defaults.refreshInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> defaults.withBucketSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxPeersPerNetwork(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withFailedQueriesBeforeRemoval(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withReplacementCacheSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRefreshInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
