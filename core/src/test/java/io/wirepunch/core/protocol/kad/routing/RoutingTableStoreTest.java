package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.ALWAYS_ALIVE;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.addresses;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.distinctNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTableStoreTest {
    @TempDir
    Path dir;

    private final Random random = new Random(11);
    private final FakeClock clock = new FakeClock();
    private final RoutingTableStore store = new RoutingTableStore();

    private RoutingTable table() {
        return new RoutingTable(KadId.random(random), RoutingTableConfig.defaults(), ALWAYS_ALIVE, clock, random);
    }

    private List<StoredPeer> storedPeers(int count) {
        List<StoredPeer> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new StoredPeer(TestPeers.randomPeer(random), distinctNetwork(i), TestPeers.START.plusSeconds(i)));
        }
        return peers;
    }

    @Test
    void savesAndLoadsTheTableAtomically() throws IOException {
        RoutingTable table = table();
        for (int i = 0; i < 50; i++) {
            table.peerAnsweredQuery(TestPeers.randomPeer(random), i % 2 == 0 ? distinctNetwork(i)
                    : addresses("/ip6/2001:db8:" + i + "::1/tcp/4001", "/dns4/node" + i + ".example/tcp/4001",
                            "/ip4/1.2.3.4/tcp/1/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN/p2p-circuit"));
            clock.advance(Duration.ofSeconds(3));
        }
        Path file = dir.resolve("routing-table");
        Files.writeString(file, "an older table\n");

        assertThat(store.save(file, table.peersToSave())).isEqualTo(table.size());

        RoutingTableStore.LoadResult loaded = store.load(file);
        assertThat(loaded.skippedLines()).isZero();
        assertThat(loaded.peers()).containsExactlyElementsOf(table.peersToSave());
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void loadedPeersAreCandidatesUntilTheyAnswer() throws IOException {
        RoutingTable before = table();
        PeerId kept = TestPeers.randomPeer(random);
        before.peerAnsweredQuery(kept, distinctNetwork(1));
        Path file = dir.resolve("routing-table");
        store.save(file, before.peersToSave());

        RoutingTable after = table();
        assertThat(after.addBootstrapCandidates(store.load(file).peers())).isEqualTo(1);
        assertThat(after.size()).isZero();
        assertThat(after.closest(KadId.of(kept), 20)).isEmpty();
        assertThat(after.bootstrapCandidates()).extracting(StoredPeer::peerId).containsExactly(kept);
        // Until they answer, candidates are saved again, so a quick restart loses nothing.
        assertThat(after.peersToSave()).extracting(StoredPeer::peerId).containsExactly(kept);

        after.peerAnsweredQuery(kept, List.of());
        assertThat(after.bootstrapCandidates()).isEmpty();
        assertThat(after.find(kept)).isPresent();
    }

    @Test
    void aCandidateThatFailsAQueryIsDroppedAndCandidatesAreOrderedByLastSeen() {
        RoutingTable table = table();
        List<StoredPeer> peers = storedPeers(3);
        table.addBootstrapCandidates(peers);
        assertThat(table.bootstrapCandidates()).containsExactly(peers.get(2), peers.get(1), peers.get(0));
        assertThat(table.peerFailedQuery(peers.get(1).peerId())).isTrue();
        assertThat(table.bootstrapCandidates()).containsExactly(peers.get(2), peers.get(0));
    }

    @Test
    void candidatesAreBoundedToAFullTable() {
        RoutingTable table = table();
        int max = BootstrapCandidates.MAX_CANDIDATES;
        assertThat(table.addBootstrapCandidates(storedPeers(max + 1))).isEqualTo(max);
        assertThat(table.bootstrapCandidates()).hasSize(max);
    }

    @Test
    void skipsDamagedLinesAndCountsThem() throws IOException {
        List<StoredPeer> peers = storedPeers(3);
        Path file = dir.resolve("routing-table");
        store.save(file, peers);
        String good = Files.readString(file);
        String truncatedLast = good.substring(0, good.length() - 8);
        Files.writeString(file, truncatedLast + "\n"
                + "not-a-peer 2025-01-01T00:00:00Z\n"
                + peers.get(0).peerId().toBase58() + " yesterday\n"
                + peers.get(0).peerId().toBase58() + "\n"
                + peers.get(0).peerId().toBase58() + " 2025-01-01T00:00:00Z !!!\n"
                + RoutingTableStore.encode(peers.get(0)) // a duplicate
                + "\u0000\u00ff garbage\n", StandardCharsets.ISO_8859_1);

        RoutingTableStore.LoadResult loaded = store.load(file);

        assertThat(loaded.peers()).containsExactly(peers.get(0), peers.get(1));
        assertThat(loaded.skippedLines()).isEqualTo(7);
    }

    @Test
    void aFileOfGarbageLoadsNoPeers() throws IOException {
        Path file = dir.resolve("routing-table");
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        Files.write(file, noise);
        RoutingTableStore.LoadResult loaded = store.load(file);
        assertThat(loaded.peers()).isEmpty();
        assertThat(loaded.skippedLines()).isPositive();
    }

    @Test
    void refusesAFileOverTheSizeLimit() throws IOException {
        Path file = dir.resolve("routing-table");
        store.save(file, storedPeers(2));
        byte[] padding = new byte[RoutingTableStore.DEFAULT_MAX_FILE_BYTES - (int) Files.size(file)];
        java.util.Arrays.fill(padding, (byte) '\n');
        Files.write(file, padding, java.nio.file.StandardOpenOption.APPEND);
        assertThat(store.load(file).peers()).hasSize(2);

        Files.write(file, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> store.load(file)).isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }

    @Test
    void saveLeavesOutThePeersThatWouldCrossTheSizeLimit() throws IOException {
        List<StoredPeer> peers = storedPeers(40);
        int lineBytes = RoutingTableStore.encode(peers.get(0)).length();
        RoutingTableStore small = new RoutingTableStore(RoutingTableStore.HEADER.length() + 1 + 10 * lineBytes + lineBytes / 2);
        Path file = dir.resolve("routing-table");

        int written = small.save(file, peers);

        assertThat(written).isBetween(9, 10);
        assertThat(small.load(file).peers()).containsExactlyElementsOf(peers.subList(0, written));
    }
}
