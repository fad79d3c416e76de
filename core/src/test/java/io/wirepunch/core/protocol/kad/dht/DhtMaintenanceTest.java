package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.RepublishSchedule;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.testutil.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The DHT's timers, driven by a fake clock and manual ticks. */
class DhtMaintenanceTest {
    private static final byte[] KEY = "provided".getBytes(StandardCharsets.US_ASCII);

    private final Random random = new Random(5);
    private final FakeClock clock = new FakeClock();
    private final PeerId self = SimulatedNetwork.randomPeer(random);
    private final KadId local = KadId.of(self);
    private final RoutingTable table = new RoutingTable(local, SimulatedNetwork.CONFIG,
            peer -> CompletableFuture.completedFuture(true), clock, random);
    private final RepublishSchedule schedule = new RepublishSchedule(clock);
    private final ProviderStore providers = new ProviderStore(clock);
    private final ValueStore values = new ValueStore(clock, new RecordValidator());
    private final List<byte[]> lookups = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> announced = Collections.synchronizedList(new ArrayList<>());
    private Function<byte[], CompletionStage<?>> lookupAnswer = key -> CompletableFuture.completedFuture(null);
    private Function<byte[], CompletionStage<?>> announceAnswer = key -> {
        schedule.published(key, clock.instant());
        return CompletableFuture.completedFuture(1);
    };
    private final DhtMaintenance maintenance = new DhtMaintenance(table,
            key -> {
                lookups.add(key);
                return lookupAnswer.apply(key);
            },
            key -> {
                announced.add(key);
                return announceAnswer.apply(key);
            },
            schedule, providers, values, clock, self.toBytes(), random);

    private PeerId peerInBucket(int index) {
        while (true) {
            PeerId peer = SimulatedNetwork.randomPeer(random);
            if (local.commonPrefixLength(KadId.of(peer)) == index) {
                return peer;
            }
        }
    }

    private void tick() {
        maintenance.tick().toCompletableFuture().join();
    }

    @Test
    void bucketsAreRefreshedWithKeysInTheirRangeOnceTheIntervalHasPassed() {
        table.peerAnsweredQuery(peerInBucket(2), List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001")));
        clock.advance(RoutingTableConfig.DEFAULT_REFRESH_INTERVAL.minusSeconds(1));
        tick();
        assertThat(lookups).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        tick();
        // Buckets 0 to 2 hold or lie above the peer; bucket 3 is the one just past it.
        assertThat(lookups).extracting(key -> local.commonPrefixLength(KadId.ofKey(key))).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(table.bucketsDueForRefresh(clock.instant())).isEmpty();

        lookups.clear();
        tick();
        assertThat(lookups).isEmpty();
    }

    @Test
    void bucketsTooDeepToAimAtAreRefreshedByLookingUpOurOwnId() {
        int deep = RefreshKeys.MAX_SEARCHED_BUCKET + 1;
        table.peerAnsweredQuery(peerInBucket(deep), List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001")));
        clock.advance(RoutingTableConfig.DEFAULT_REFRESH_INTERVAL);
        tick();

        assertThat(lookups).hasSize(deep + 2);
        assertThat(lookups.stream().filter(key -> java.util.Arrays.equals(key, self.toBytes()))).hasSize(2);
        assertThat(table.bucketsDueForRefresh(clock.instant())).isEmpty();
    }

    @Test
    void aRefreshStillRunningIsNotStartedAgain() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        lookupAnswer = key -> never;
        clock.advance(RoutingTableConfig.DEFAULT_REFRESH_INTERVAL);
        maintenance.tick();
        maintenance.tick();
        assertThat(lookups).hasSize(1);

        never.complete(null);
        assertThat(table.bucketsDueForRefresh(clock.instant())).isEmpty();
    }

    @Test
    void providedKeysAreAnnouncedAtOnceThenEveryRepublishInterval() {
        schedule.provide(KEY);
        tick();
        assertThat(announced).hasSize(1);

        clock.advance(ProviderStore.REPUBLISH_INTERVAL.minusSeconds(1));
        tick();
        assertThat(announced).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(announced).hasSize(2);
    }

    @Test
    void aFailedRepublishIsTriedAgainAtTheNextTick() {
        announceAnswer = key -> CompletableFuture.failedFuture(new IllegalStateException("nobody to tell"));
        schedule.provide(KEY);
        tick();
        clock.advance(DhtMaintenance.TICK_INTERVAL);
        tick();
        assertThat(announced).hasSize(2);
    }

    @Test
    void expiredRecordsAreSweptOncePerSweepInterval() {
        // Already expired when the test starts; reads skip it, only a sweep frees it.
        providers.add(KEY, SimulatedNetwork.randomPeer(random), List.of(),
                clock.instant().minus(ProviderStore.PROVIDER_RECORD_TTL));
        assertThat(providers.providers(KEY)).isEmpty();

        clock.advance(DhtMaintenance.SWEEP_INTERVAL.minusSeconds(1));
        tick();
        assertThat(providers.keyCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(providers.keyCount()).isZero();
    }
}
