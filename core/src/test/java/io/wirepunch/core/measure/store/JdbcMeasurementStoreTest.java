package io.wirepunch.core.measure.store;

import static io.wirepunch.core.measure.MeasureFixtures.DCUTR_PROTOCOLS;
import static io.wirepunch.core.measure.MeasureFixtures.directAddr;
import static io.wirepunch.core.measure.MeasureFixtures.peer;
import static io.wirepunch.core.measure.MeasureFixtures.relayAddr;
import static io.wirepunch.core.measure.MeasureFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos.HolePunchOutcome;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same suite against the embedded H2 database and a real PostgreSQL (skipped when PostgreSQL is
 * not installed): each test on a new, empty database that the migrations set up.
 */
@Timeout(120)
class JdbcMeasurementStoreTest {
    static final String H2 = "h2";
    static final String POSTGRES = "postgres";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final HolePunchOutcome SUCCESS = HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS;
    private static final HolePunchOutcome FAILED = HolePunchOutcome.HOLE_PUNCH_OUTCOME_FAILED;

    private static PostgresServer postgres;
    private static Path h2Root;
    private final List<JdbcMeasurementStore> opened = new ArrayList<>();

    /** A new store on an empty database of {@code kind}. */
    static synchronized JdbcMeasurementStore open(String kind, List<JdbcMeasurementStore> opened) throws Exception {
        JdbcMeasurementStore store;
        if (kind.equals(POSTGRES)) {
            if (postgres == null) {
                postgres = PostgresServer.start();
            }
            store = JdbcMeasurementStore.open(postgres.newDatabase(), null, null);
        } else {
            if (h2Root == null) {
                h2Root = Files.createTempDirectory("wirepunch-h2-");
            }
            store = JdbcMeasurementStore.openEmbedded(h2Root.resolve(UUID.randomUUID().toString()));
        }
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcMeasurementStore::close);
    }

    @AfterAll
    static void stopDatabases() throws Exception {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (h2Root != null) {
            try (var files = Files.walk(h2Root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            h2Root = null;
        }
    }

    static long count(JdbcMeasurementStore store, String sql, Object... args) throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long newAuthorization(JdbcMeasurementStore store) {
        return store.authorize(store.addApiKey("test")).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void migrationsApplyOnAnEmptyDatabaseAndAgainAsANoOp(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        assertThat(count(store, "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version = '1'")).isEqualTo(1);
        for (String table : List.of("authorizations", "peers", "clients", "multi_addresses", "sightings",
                "sightings_x_multi_addresses", "hole_punch_results", "hole_punch_results_x_multi_addresses",
                "hole_punch_attempts", "hole_punch_attempts_x_multi_addresses", "latency_measurements", "latency_samples",
                "nat_mappings", "network_information")) {
            assertThat(count(store, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        if (kind.equals(H2)) {
            // opening the same database again finds nothing to migrate
            Path dir = h2Root.resolve("again");
            long history;
            try (JdbcMeasurementStore first = JdbcMeasurementStore.openEmbedded(dir)) {
                history = count(first, "SELECT COUNT(*) FROM flyway_schema_history");
            }
            try (JdbcMeasurementStore again = JdbcMeasurementStore.openEmbedded(dir)) {
                assertThat(count(again, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(history);
                assertThat(count(again, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void keysAreRandomAndOnlyTheirHashIsStored(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        String key = store.addApiKey("alice");
        String other = store.addApiKey("bob");
        assertThat(key).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other);
        assertThat(store.authorize(key)).isPresent();
        assertThat(store.authorize(other)).isPresent().isNotEqualTo(store.authorize(key));
        assertThat(store.authorize(key.substring(1) + "A")).isEmpty();
        assertThat(store.authorize("")).isEmpty();
        assertThat(count(store, "SELECT COUNT(*) FROM authorizations WHERE key_sha256 = ? AND username = 'alice'",
                JdbcMeasurementStore.keyHash(key))).isEqualTo(1);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM authorizations")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(key).doesNotContain(other);
                }
            }
        }
        String longest = "n".repeat(JdbcMeasurementStore.MAX_KEY_NAME_CHARS);
        assertThat(store.authorize(store.addApiKey(longest))).isPresent();
        assertThatThrownBy(() -> store.addApiKey(longest + "n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(JdbcMeasurementStore.MAX_KEY_NAME_CHARS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void registeringAgainRefreshesTheSameClient(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        long auth = newAuthorization(store);
        PeerId client = peer();
        long id = store.registerClient(auth, client, "punchr/go-client/0.1.0", List.of("/ipfs/id/1.0.0"));
        long again = store.registerClient(auth, client, "punchr/go-client/0.2.0", List.of("/ipfs/id/1.0.0", "/libp2p/dcutr"));
        assertThat(again).isEqualTo(id);
        assertThat(store.registerClient(auth, peer(), "punchr/go-client/0.2.0", List.of())).isNotEqualTo(id);
        assertThat(count(store, "SELECT COUNT(*) FROM peers WHERE id = ? AND agent_version = 'punchr/go-client/0.2.0'"
                + " AND supports_dcutr", id)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM clients WHERE peer_id = ? AND authorization_id = ?", id, auth)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM clients")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void aCandidateSupportsDcutrHasRelayAddressesAndIsHandedOnlyThose(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        PeerId noDcutr = peer();
        store.recordSighting(noDcutr, "kubo", List.of("/ipfs/id/1.0.0"), List.of(relayAddr("tcp4", noDcutr)), NOW.minusSeconds(30));
        PeerId directOnly = peer();
        store.recordSighting(directOnly, "kubo", DCUTR_PROTOCOLS, List.of(directAddr("tcp4")), NOW.minusSeconds(30));
        assertThat(store.candidate(List.of(peer()), NOW)).isEmpty();

        PeerId remote = peer();
        Multiaddr relay = relayAddr("tcp4", remote);
        store.recordSighting(remote, "kubo", DCUTR_PROTOCOLS, List.of(directAddr("tcp4"), relay), NOW.minusSeconds(30));
        MeasurementStore.Candidate c = store.candidate(List.of(peer()), NOW).orElseThrow();
        assertThat(c.peer()).isEqualTo(remote);
        assertThat(c.addrs()).containsExactly(relay);
        assertThat(store.candidate(List.of(), NOW)).map(MeasurementStore.Candidate::peer).contains(remote);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void onlyPeersSeenWithinTheWindowAreCandidates(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        PeerId old = peer();
        store.recordSighting(old, "kubo", DCUTR_PROTOCOLS, List.of(relayAddr("tcp4", old)),
                NOW.minus(JdbcMeasurementStore.CANDIDATE_WINDOW).minusSeconds(1));
        assertThat(store.candidate(List.of(peer()), NOW)).isEmpty();
        PeerId recent = peer();
        store.recordSighting(recent, "kubo", DCUTR_PROTOCOLS, List.of(relayAddr("tcp4", recent)),
                NOW.minus(JdbcMeasurementStore.CANDIDATE_WINDOW).plusSeconds(1));
        assertThat(store.candidate(List.of(peer()), NOW)).map(MeasurementStore.Candidate::peer).contains(recent);
        // the old peer comes back once seen again
        store.recordSighting(old, "kubo", DCUTR_PROTOCOLS, List.of(relayAddr("tcp4", old)), NOW);
        assertThat(IntStream.range(0, 40).mapToObj(i -> store.candidate(List.of(peer()), NOW).orElseThrow().peer()).distinct())
                .containsExactlyInAnyOrder(old, recent);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void aPeerWithTenResultsInTheLastMinuteIsLeftOut(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        long auth = newAuthorization(store);
        PeerId remote = peer();
        Multiaddr relay = relayAddr("tcp4", remote);
        store.recordSighting(remote, "kubo", DCUTR_PROTOCOLS, List.of(relay), NOW.minusSeconds(60));
        PeerId otherClient = peer();
        // results older than the busy window do not count
        for (int i = 0; i < JdbcMeasurementStore.MAX_RESULTS_PER_MINUTE; i++) {
            store.trackHolePunch(auth, track("k", otherClient, remote, List.of(relay), FAILED, 3, null, false,
                    NOW.minusSeconds(120)).build(), NOW.minus(JdbcMeasurementStore.BUSY_WINDOW).minusSeconds(1));
        }
        PeerId asking = peer();
        assertThat(store.candidate(List.of(asking), NOW)).isPresent();
        for (int i = 0; i < JdbcMeasurementStore.MAX_RESULTS_PER_MINUTE - 1; i++) {
            store.trackHolePunch(auth, track("k", otherClient, remote, List.of(relay), FAILED, 3, null, false,
                    NOW.minusSeconds(20)).build(), NOW.minusSeconds(10));
        }
        assertThat(store.candidate(List.of(asking), NOW)).isPresent();
        store.trackHolePunch(auth, track("k", otherClient, remote, List.of(relay), FAILED, 3, null, false,
                NOW.minusSeconds(20)).build(), NOW.minusSeconds(10));
        assertThat(store.candidate(List.of(asking), NOW)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void aClientsHostsAreNotHandedAnAddressTheyTriedWithinTheWindow(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        long auth = newAuthorization(store);
        PeerId remote = peer();
        Multiaddr tried = relayAddr("tcp4", remote);
        Multiaddr untried = relayAddr("tcp4", remote);
        store.recordSighting(remote, "kubo", DCUTR_PROTOCOLS, List.of(tried), NOW.minusSeconds(60));
        PeerId hostA = peer();
        PeerId hostB = peer();
        store.trackHolePunch(auth, track("k", hostA, remote, List.of(tried), FAILED, 3, null, false,
                NOW.minusSeconds(300)).build(), NOW.minus(JdbcMeasurementStore.CANDIDATE_WINDOW).plusSeconds(5));
        assertThat(store.candidate(List.of(hostA), NOW)).isEmpty();
        assertThat(store.candidate(List.of(hostB, hostA), NOW)).isEmpty();
        assertThat(store.candidate(List.of(hostB), NOW)).isPresent();
        // a new address of the same peer is handed out, alone
        store.recordSighting(remote, "kubo", DCUTR_PROTOCOLS, List.of(tried, untried), NOW.minusSeconds(30));
        assertThat(store.candidate(List.of(hostA), NOW).orElseThrow().addrs()).containsExactly(untried);
        // once the window has passed, the tried address is handed out again
        assertThat(store.candidate(List.of(hostA), NOW.plusSeconds(6)).orElseThrow().addrs()).containsExactlyInAnyOrder(tried, untried);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void theProtocolFilterPicksPeersAndAddressesThatMatch(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        PeerId tcp4 = peer();
        Multiaddr tcp4Addr = relayAddr("tcp4", tcp4);
        store.recordSighting(tcp4, "kubo", DCUTR_PROTOCOLS, List.of(tcp4Addr), NOW.minusSeconds(30));
        PeerId both = peer();
        Multiaddr quic6Addr = relayAddr("quic6", both);
        Multiaddr quic4Addr = relayAddr("quic4", both);
        store.recordSighting(both, "kubo", DCUTR_PROTOCOLS, List.of(quic6Addr, quic4Addr), NOW.minusSeconds(30));
        List<PeerId> hosts = List.of(peer());
        for (int i = 0; i < 10; i++) {
            assertThat(store.candidate(hosts, NOW, ProtocolFilter.IP6_QUIC).orElseThrow())
                    .isEqualTo(new MeasurementStore.Candidate(both, List.of(quic6Addr)));
            assertThat(store.candidate(hosts, NOW, ProtocolFilter.IP4_QUIC).orElseThrow())
                    .isEqualTo(new MeasurementStore.Candidate(both, List.of(quic4Addr)));
            assertThat(store.candidate(hosts, NOW, ProtocolFilter.IP4_TCP).orElseThrow())
                    .isEqualTo(new MeasurementStore.Candidate(tcp4, List.of(tcp4Addr)));
        }
        assertThat(store.candidate(hosts, NOW, ProtocolFilter.IP6_TCP)).isEmpty();
    }

    @Test
    void protocolFiltersAreDrawnAsPunchrDraws() {
        Random random = new Random(7);
        Map<ProtocolFilter, Integer> drawn = new EnumMap<>(ProtocolFilter.class);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            drawn.merge(ProtocolFilter.random(random), 1, Integer::sum);
        }
        for (ProtocolFilter f : ProtocolFilter.values()) {
            double expected = f == ProtocolFilter.ANY ? 1 - 4 * ProtocolFilter.EACH_PROBABILITY : ProtocolFilter.EACH_PROBABILITY;
            assertThat(drawn.getOrDefault(f, 0) / (double) n).as(f.name()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.02));
        }
        assertThat(ProtocolFilter.IP4_QUIC.codes()).containsExactly(4, 460);
        PeerId p = peer();
        assertThat(ProtocolFilter.IP4_QUIC.matches(relayAddr("quic4", p))).isTrue();
        assertThat(ProtocolFilter.IP4_QUIC.matches(relayAddr("tcp4", p))).isFalse();
        assertThat(ProtocolFilter.IP4_QUIC.matches(relayAddr("quic6", p))).isFalse();
        assertThat(ProtocolFilter.IP6_TCP.matches(relayAddr("tcp6", p))).isTrue();
        assertThat(ProtocolFilter.ANY.matches(relayAddr("quic6", p))).isTrue();
        assertThat(ProtocolFilter.IP6_TCP.codes()).containsExactly(41, 6);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void aCandidateIsHandedAtMostTheAddressLimit(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        PeerId remote = peer();
        List<Multiaddr> addrs = IntStream.range(0, JdbcMeasurementStore.MAX_CANDIDATE_ADDRESSES + 5)
                .mapToObj(i -> relayAddr("tcp4", remote)).toList();
        store.recordSighting(remote, "kubo", DCUTR_PROTOCOLS, addrs, NOW.minusSeconds(30));
        assertThat(store.candidate(List.of(peer()), NOW).orElseThrow().addrs())
                .hasSize(JdbcMeasurementStore.MAX_CANDIDATE_ADDRESSES).isSubsetOf(addrs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void aTrackedHolePunchIsStoredWhole(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        long auth = newAuthorization(store);
        PeerId client = peer();
        PeerId remote = peer();
        Multiaddr relay = relayAddr("tcp4", remote);
        Multiaddr punched = directAddr("tcp4");
        long id = store.trackHolePunch(auth, track("k", client, remote, List.of(relay), SUCCESS, 2, punched, true, NOW).build(),
                NOW.plusSeconds(1));
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_results r JOIN peers c ON c.id = r.client_id"
                + " JOIN peers p ON p.id = r.remote_id WHERE r.id = ? AND r.outcome = 'SUCCESS' AND r.has_direct_conns"
                + " AND c.multi_hash = ? AND p.multi_hash = ? AND r.authorization_id = ? AND r.protocols = '4,6'"
                + " AND r.network_information_id IS NOT NULL", id, client.toBase58(), remote.toBase58(), auth)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_results WHERE ended_at = ?",
                java.time.OffsetDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC))).isEqualTo(1);
        for (String[] rel : new String[][] {{"INITIAL", relay.toString()}, {"FINAL", punched.toString()},
            {"LISTEN", "/ip4/192.168.1.20/tcp/4001"}}) {
            assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_results_x_multi_addresses x JOIN multi_addresses m"
                    + " ON m.id = x.multi_address_id WHERE x.hole_punch_result_id = ? AND x.relationship = ? AND m.maddr = ?",
                    id, rel[0], rel[1])).as(rel[0]).isEqualTo(1);
        }
        assertThat(count(store, "SELECT COUNT(*) FROM multi_addresses WHERE maddr = ? AND is_relay AND has_tcp AND has_ip4",
                relay.toString())).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_attempts WHERE hole_punch_result_id = ?", id)).isEqualTo(2);
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_attempts WHERE hole_punch_result_id = ? AND attempt_number = 2"
                + " AND outcome = 'SUCCESS' AND error IS NULL AND start_rtt > 0.04", id)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_attempts WHERE hole_punch_result_id = ? AND attempt_number = 1"
                + " AND outcome = 'FAILED' AND error IS NOT NULL", id)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM hole_punch_attempts_x_multi_addresses am JOIN hole_punch_attempts a"
                + " ON a.id = am.hole_punch_attempt_id WHERE a.hole_punch_result_id = ?", id)).isEqualTo(2);
        assertThat(count(store, "SELECT COUNT(*) FROM latency_measurements WHERE hole_punch_result_id = ?"
                + " AND mtype = 'TO_REMOTE_THROUGH_RELAY'", id)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM latency_samples s JOIN latency_measurements m ON m.id = s.latency_measurement_id"
                + " WHERE m.hole_punch_result_id = ? AND s.error IS NULL AND s.rtt > 0.1", id)).isEqualTo(2);
        assertThat(count(store, "SELECT COUNT(*) FROM nat_mappings WHERE hole_punch_result_id = ? AND internal_port = 4001"
                + " AND addr_network = 'ip4'", id)).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM network_information WHERE supports_ipv6 = FALSE")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {H2, POSTGRES})
    void theReportCountsWhatWasTrackedSince(String kind) throws Exception {
        JdbcMeasurementStore store = open(kind, opened);
        long auth = newAuthorization(store);
        PeerId client = peer();
        Instant since = NOW.minus(Duration.ofHours(1));
        store.trackHolePunch(auth, track("k", client, peer(), List.of(), SUCCESS, 1, directAddr("tcp4"), false,
                since.minusSeconds(5)).build(), since.minusSeconds(1));
        store.trackHolePunch(auth, track("k", client, peer(), List.of(), SUCCESS, 2, directAddr("tcp4"), true, NOW).build(), NOW);
        store.trackHolePunch(auth, track("k", client, peer(), List.of(), SUCCESS, 1, directAddr("quic4"), false, NOW).build(), NOW);
        store.trackHolePunch(auth, track("k", client, peer(), List.of(), FAILED, 3, directAddr("quic4"), false, NOW).build(), NOW);
        store.trackHolePunch(auth, track("k", client, peer(), List.of(),
                HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_CONNECTION, 0, null, false, NOW).build(), NOW);
        Report r = store.report(since);
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.byOutcome()).isEqualTo(Map.of("SUCCESS", 2, "FAILED", 1, "NO_CONNECTION", 1));
        assertThat(r.successRate()).isEqualTo(0.5);
        assertThat(r.byTransport()).isEqualTo(Map.of("tcp", Map.of("SUCCESS", 1), "quic", Map.of("SUCCESS", 1, "FAILED", 1),
                "none", Map.of("NO_CONNECTION", 1)));
        // Each success ended directly on the address its remote offered (see NatPairingTest for the rest).
        assertThat(r.byNatPairing()).isEqualTo(Map.of("PORT_MAPPED/ENDPOINT_INDEPENDENT", Map.of("SUCCESS", 1),
                "UNKNOWN/ENDPOINT_INDEPENDENT", Map.of("SUCCESS", 1), "UNKNOWN/UNKNOWN", Map.of("FAILED", 1, "NO_CONNECTION", 1)));
        assertThat(r.successfulAttempt()).isEqualTo(Map.of(1, 1, 2, 1));
        assertThat(store.report(since.minusSeconds(60)).total()).isEqualTo(5);
        assertThat(store.report(NOW.plusSeconds(1)).total()).isZero();
    }

    @Test
    void anEmbeddedDatabaseAnotherProcessHoldsIsRefusedWithASentence() throws Exception {
        Path dir = Files.createTempDirectory("wirepunch-h2-locked-");
        Process holder = null;
        try {
            // another JVM holds the file (within one JVM, H2 would share the open database)
            String cp = System.getProperty("java.class.path");
            holder = new ProcessBuilder(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, HoldEmbedded.class.getName(), dir.toString()).redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("open");
            assertThatThrownBy(() -> JdbcMeasurementStore.openEmbedded(dir)).isInstanceOf(StoreException.class)
                    .hasMessage("the database in " + dir + " is in use by another process (a running measure server?);"
                            + " stop it first, run the honeypot inside the server (measure server --honeypot-listen), or use PostgreSQL");
        } finally {
            if (holder != null) {
                holder.destroyForcibly().waitFor();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens the embedded database in args[0], says so, and holds it until killed. */
    static final class HoldEmbedded {
        public static void main(String[] args) throws Exception {
            try (JdbcMeasurementStore store = JdbcMeasurementStore.openEmbedded(Path.of(args[0]))) {
                System.out.println("open");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> JdbcMeasurementStore.open("jdbc:mysql://localhost/x", null, null))
                .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:postgresql:");
    }
}
