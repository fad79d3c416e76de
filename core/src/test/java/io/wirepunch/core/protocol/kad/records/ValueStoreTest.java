package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.records.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.Validation.Reason;
import io.wirepunch.core.protocol.kad.records.ValueStore.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueStoreTest {
    private static final PrivateKey ALICE = Keys.generateEd25519();
    private final FakeClock clock = new FakeClock();
    private final ValueStore store = new ValueStore(clock, new RecordValidator());

    private static KadRecord relays(long seq, String payload) {
        return SignedRecords.create(ALICE, "relays", seq, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static KadRecord pkRecord(PrivateKey key) {
        return new KadRecord(RecordKeys.pk(key.publicKey().peerId()), key.publicKey().marshal(), "");
    }

    @Test
    void higherSeqReplacesLowerOrEqualSeqDoesNot() {
        assertThat(store.put(relays(2, "two"), T0).outcome()).isEqualTo(Outcome.STORED);
        assertThat(store.put(relays(1, "one"), T0).outcome()).isEqualTo(Outcome.STALE);
        assertThat(store.put(relays(2, "other two"), T0).outcome()).isEqualTo(Outcome.STALE);
        assertThat(store.get(relays(2, "two").key(), T0)).contains(relays(2, "two"));
        assertThat(store.put(relays(3, "three"), T0).outcome()).isEqualTo(Outcome.REPLACED);
        assertThat(store.get(relays(3, "three").key(), T0)).contains(relays(3, "three"));
    }

    @Test
    void invalidRecordIsRefusedWithItsReason() {
        KadRecord good = relays(5, "x");
        KadRecord underAnotherName = new KadRecord(RecordKeys.wirepunch(ALICE.publicKey().peerId(), "other"), good.value(), "");
        ValueStore.PutResult result = store.put(underAnotherName, T0);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.validation().reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(store.size()).isZero();
    }

    @Test
    void senderSuppliedReceiveTimeIsNotKept() {
        KadRecord record = relays(1, "x");
        store.put(new KadRecord(record.key(), record.value(), "2099-01-01T00:00:00Z"), T0);
        assertThat(store.get(record.key(), T0).orElseThrow().timeReceived()).isEmpty();
    }

    @Test
    void recordExpiresAtMaxAgeUnlessPutAgain() {
        KadRecord record = relays(1, "x");
        store.put(record, T0);
        Instant expiry = T0.plus(ValueStore.MAX_RECORD_AGE);
        assertThat(store.get(record.key(), expiry.minusNanos(1))).isPresent();
        assertThat(store.get(record.key(), expiry)).isEmpty();
        Instant halfway = T0.plus(ValueStore.MAX_RECORD_AGE.dividedBy(2));
        assertThat(store.put(record, halfway).outcome()).isEqualTo(Outcome.REFRESHED);
        assertThat(store.get(record.key(), expiry)).isPresent();
        assertThat(store.sweep(halfway.plus(ValueStore.MAX_RECORD_AGE))).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void fullStoreRefusesNewKeysButStillUpdatesKnownOnes() {
        int max = ValueStore.DEFAULT_MAX_RECORDS;
        for (int i = 0; i < max - 1; i++) {
            assertThat(store.put(pkRecord(Keys.generateEd25519()), T0).outcome()).isEqualTo(Outcome.STORED);
        }
        assertThat(store.put(relays(1, "one"), T0).outcome()).isEqualTo(Outcome.STORED);
        assertThat(store.put(pkRecord(Keys.generateEd25519()), T0).outcome()).isEqualTo(Outcome.FULL);
        assertThat(store.put(relays(2, "two"), T0).outcome()).isEqualTo(Outcome.REPLACED);
        assertThat(store.size()).isEqualTo(max);
    }

    @Test
    void fullStoreMakesRoomOnceRecordsHaveExpired() {
        ValueStore small = new ValueStore(clock, new RecordValidator(), 1);
        small.put(pkRecord(ALICE), T0);
        KadRecord bob = pkRecord(Keys.generateEd25519());
        assertThat(small.put(bob, T0.plus(Duration.ofHours(1))).outcome()).isEqualTo(Outcome.FULL);
        assertThat(small.put(bob, T0.plus(ValueStore.MAX_RECORD_AGE)).outcome()).isEqualTo(Outcome.STORED);
    }

    @Test
    void clockOverloadsUseTheInjectedClock() {
        KadRecord record = relays(1, "x");
        store.put(record);
        clock.advance(ValueStore.MAX_RECORD_AGE);
        assertThat(store.get(record.key())).isEmpty();
    }
}
