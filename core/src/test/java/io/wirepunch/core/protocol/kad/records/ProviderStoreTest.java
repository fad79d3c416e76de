package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.records.Fixtures.T0;
import static io.wirepunch.core.protocol.kad.records.Fixtures.addrs;
import static io.wirepunch.core.protocol.kad.records.Fixtures.key;
import static io.wirepunch.core.protocol.kad.records.Fixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadPeer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderStoreTest {
    private static final Duration NANO = Duration.ofNanos(1);
    private final FakeClock clock = new FakeClock();
    private final ProviderStore store = new ProviderStore(clock);

    private List<PeerId> ids(byte[] key, Instant now) {
        return store.providers(key, now).stream().map(KadPeer::id).toList();
    }

    @Test
    void intervalsAreTheSpecsAndRepublishComesWellBeforeExpiry() {
        assertThat(ProviderStore.PROVIDER_RECORD_TTL).isEqualTo(Duration.ofHours(48));
        assertThat(ProviderStore.REPUBLISH_INTERVAL).isEqualTo(Duration.ofHours(22));
        assertThat(ProviderStore.REPUBLISH_INTERVAL.multipliedBy(2)).isLessThan(ProviderStore.PROVIDER_RECORD_TTL);
    }

    @Test
    void recordExpiresExactlyAtTheTtl() {
        assertThat(store.add(key(1), peer(1), addrs(1), T0)).isTrue();
        Instant expiry = T0.plus(ProviderStore.PROVIDER_RECORD_TTL);
        assertThat(ids(key(1), expiry.minus(NANO))).containsExactly(peer(1));
        assertThat(ids(key(1), expiry)).isEmpty();
    }

    @Test
    void republishingRenewsTheRecord() {
        store.add(key(1), peer(1), addrs(1), T0);
        Instant republished = T0.plus(ProviderStore.REPUBLISH_INTERVAL);
        store.add(key(1), peer(1), addrs(1), republished);
        assertThat(ids(key(1), T0.plus(ProviderStore.PROVIDER_RECORD_TTL))).containsExactly(peer(1));
        assertThat(ids(key(1), republished.plus(ProviderStore.PROVIDER_RECORD_TTL))).isEmpty();
    }

    @Test
    void addressesAreDroppedAfterTheirTtlButTheProviderIsStillServed() {
        store.add(key(1), peer(1), addrs(2), T0);
        Instant stale = T0.plus(ProviderStore.PROVIDER_ADDRESS_TTL);
        assertThat(store.providers(key(1), stale.minus(NANO))).containsExactly(new KadPeer(peer(1), addrs(2)));
        assertThat(store.providers(key(1), stale)).containsExactly(new KadPeer(peer(1), List.of()));
    }

    @Test
    void refreshWithoutAddressesKeepsTheKnownOnes() {
        store.add(key(1), peer(1), addrs(2), T0);
        store.add(key(1), peer(1), List.of(), T0.plusSeconds(60));
        assertThat(store.providers(key(1), T0.plusSeconds(61))).containsExactly(new KadPeer(peer(1), addrs(2)));
    }

    @Test
    void fullKeyKeepsTheMostRecentlyRefreshedProviders() {
        int max = ProviderStore.DEFAULT_MAX_PROVIDERS_PER_KEY;
        for (int i = 0; i < max; i++) {
            store.add(key(1), peer(i), addrs(1), T0.plusSeconds(i));
        }
        // peer 0 is the oldest, but refreshing it makes peer 1 the one to go.
        store.add(key(1), peer(0), addrs(1), T0.plusSeconds(max));
        store.add(key(1), peer(max), addrs(1), T0.plusSeconds(max + 1));
        List<PeerId> ids = ids(key(1), T0.plusSeconds(max + 2));
        assertThat(ids).hasSize(max).contains(peer(0), peer(max)).doesNotContain(peer(1));
        assertThat(ids.get(0)).isEqualTo(peer(max));
    }

    @Test
    void fullStoreRefusesNewKeysButStillRefreshesKnownOnes() {
        int max = ProviderStore.DEFAULT_MAX_KEYS;
        for (int i = 0; i < max; i++) {
            assertThat(store.add(key(i), peer(1), List.of(), T0)).isTrue();
        }
        assertThat(store.add(key(max), peer(1), List.of(), T0)).isFalse();
        assertThat(store.add(key(0), peer(2), List.of(), T0)).isTrue();
        assertThat(store.keyCount()).isEqualTo(max);
    }

    @Test
    void fullStoreMakesRoomOnceRecordsHaveExpired() {
        ProviderStore small = new ProviderStore(clock, 5, 2);
        small.add(key(1), peer(1), List.of(), T0);
        small.add(key(2), peer(1), List.of(), T0.plusSeconds(10));
        assertThat(small.add(key(3), peer(1), List.of(), T0.plusSeconds(20))).isFalse();
        Instant firstExpired = T0.plus(ProviderStore.PROVIDER_RECORD_TTL);
        assertThat(small.add(key(3), peer(1), List.of(), firstExpired)).isTrue();
        assertThat(small.providers(key(2), firstExpired)).hasSize(1);
        assertThat(small.keyCount()).isEqualTo(2);
    }

    @Test
    void oversizeKeysAndEmptyKeysAreRefused() {
        assertThat(store.add(new byte[ProviderStore.MAX_KEY_BYTES], peer(1), List.of(), T0)).isTrue();
        assertThat(store.add(new byte[ProviderStore.MAX_KEY_BYTES + 1], peer(1), List.of(), T0)).isFalse();
        assertThat(store.add(new byte[0], peer(1), List.of(), T0)).isFalse();
    }

    @Test
    void addressesPerProviderAreCapped() {
        store.add(key(1), peer(1), addrs(ProviderStore.MAX_ADDRS_PER_PROVIDER + 4), T0);
        assertThat(store.providers(key(1), T0).get(0).addrs())
                .isEqualTo(addrs(ProviderStore.MAX_ADDRS_PER_PROVIDER));
    }

    @Test
    void addProviderForAnotherPeerThanTheSenderIsIgnored() {
        KadPeer other = new KadPeer(peer(2), addrs(1));
        assertThat(store.addFromPeer(peer(1), key(1), other, T0)).isFalse();
        assertThat(store.providers(key(1), T0)).isEmpty();
        assertThat(store.addFromPeer(peer(2), key(1), other, T0)).isTrue();
        assertThat(store.providers(key(1), T0)).containsExactly(other);
    }

    @Test
    void clockOverloadsUseTheInjectedClock() {
        store.addFromPeer(peer(1), key(1), new KadPeer(peer(1), addrs(1)));
        clock.advance(ProviderStore.PROVIDER_RECORD_TTL.minus(NANO));
        assertThat(store.providers(key(1))).hasSize(1);
        clock.advance(NANO);
        assertThat(store.providers(key(1))).isEmpty();
    }

    @Test
    void sweepDropsExpiredRecordsAndEmptyKeys() {
        store.add(key(1), peer(1), List.of(), T0);
        store.add(key(1), peer(2), List.of(), T0.plusSeconds(10));
        store.add(key(2), peer(1), List.of(), T0);
        Instant now = T0.plus(ProviderStore.PROVIDER_RECORD_TTL).plusSeconds(5);
        assertThat(store.sweep(now)).isEqualTo(2);
        assertThat(store.keyCount()).isEqualTo(1);
        assertThat(ids(key(1), now)).containsExactly(peer(2));
    }
}
