package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.ALWAYS_ALIVE;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.distinctNetwork;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.peerInBucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableRefreshTest {
    private final Random random = new Random(3);
    private final KadId local = KadId.random(random);
    private final FakeClock clock = new FakeClock();
    private final RoutingTable table = new RoutingTable(local, RoutingTableConfig.defaults(), ALWAYS_ALIVE, clock, random);

    @Test
    void bucketsBecomeDueAfterTenMinutesWithoutALookup() {
        table.peerAnsweredQuery(peerInBucket(local, 0, random), distinctNetwork(1));
        table.peerAnsweredQuery(peerInBucket(local, 3, random), distinctNetwork(2));

        clock.advance(RoutingTableConfig.DEFAULT_REFRESH_INTERVAL.minusSeconds(1));
        assertThat(table.bucketsDueForRefresh(clock.instant())).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        // Buckets 0 to 3 hold or lie above peers, bucket 4 is the one just past the deepest peer.
        assertThat(table.bucketsDueForRefresh(clock.instant())).extracting(RefreshTarget::bucketIndex)
                .containsExactly(0, 1, 2, 3, 4);
        for (RefreshTarget due : table.bucketsDueForRefresh(clock.instant())) {
            assertThat(local.commonPrefixLength(due.target())).isEqualTo(due.bucketIndex());
            assertThat(due.lastLookup()).isEqualTo(TestPeers.START);
        }
    }

    @Test
    void aLookupResetsOnlyItsOwnBucket() {
        table.peerAnsweredQuery(peerInBucket(local, 2, random), distinctNetwork(1));
        clock.advance(Duration.ofMinutes(9));
        table.lookupPerformed(local.randomWithCommonPrefix(1, random));
        clock.advance(Duration.ofMinutes(1));

        assertThat(table.bucketsDueForRefresh(clock.instant())).extracting(RefreshTarget::bucketIndex)
                .containsExactly(0, 2, 3);
        clock.advance(Duration.ofMinutes(9));
        assertThat(table.bucketsDueForRefresh(clock.instant())).extracting(RefreshTarget::bucketIndex)
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void anEmptyTableRefreshesOnlyItsWidestBucketAndALookupOfItselfCountsForTheDeepest() {
        clock.advance(RoutingTableConfig.DEFAULT_REFRESH_INTERVAL);
        assertThat(table.bucketsDueForRefresh(clock.instant())).extracting(RefreshTarget::bucketIndex).containsExactly(0);
        table.lookupPerformed(local);
        table.lookupPerformed(local.randomWithCommonPrefix(0, random));
        assertThat(table.bucketsDueForRefresh(clock.instant())).isEmpty();
    }

    @Test
    void theIntervalIsConfigurable() {
        RoutingTable quick = new RoutingTable(local, RoutingTableConfig.defaults().withRefreshInterval(Duration.ofMinutes(1)),
                ALWAYS_ALIVE, clock, random);
        clock.advance(Duration.ofMinutes(1));
        assertThat(quick.bucketsDueForRefresh(clock.instant())).hasSize(1);
    }
}
