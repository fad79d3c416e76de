package io.wirepunch.core.measure.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * {@link MeasurementStore} over JDBC: H2 embedded (a file {@code measure} in a data directory, in
 * H2's PostgreSQL mode) or PostgreSQL, with one schema that Flyway migrations in
 * {@code db/measure} create and evolve. API keys are kept as their SHA-256 only.
 *
 * <p>Candidates ({@link #candidate(List, Instant, ProtocolFilter)}): peers that support
 * {@code /libp2p/dcutr}, seen within {@link #CANDIDATE_WINDOW} with relay addresses that match the
 * protocol filter; peers with {@link #MAX_RESULTS_PER_MINUTE} or more results within
 * {@link #BUSY_WINDOW} are left out, and so are the peer/address pairs that any of the client's
 * hosts was handed in a result received within {@link #CANDIDATE_WINDOW}. One peer is drawn at
 * random; it is answered with its remaining relay addresses (at most {@link #MAX_CANDIDATE_ADDRESSES}).
 *
 * <p>{@link #report(Instant)}: transports are those of the addresses the attempts punched
 * ({@code quic} for a QUIC address, {@code tcp} for a TCP one, {@code other} else; a result counts
 * once for each transport among them, and under {@code none} when no attempt named an address).
 * The NAT pairing is {@code CLIENT/REMOTE} as {@link NatPairing} infers it from the addresses a
 * request carries. Successful attempts are numbered from 1 in the order the client sent them.
 */
public final class JdbcMeasurementStore implements MeasurementStore {
    /** How recently a candidate must have been seen, and how long a client's host is not handed the same address again. */
    public static final Duration CANDIDATE_WINDOW = Duration.ofMinutes(10);
    /** The window in which {@link #MAX_RESULTS_PER_MINUTE} results take a peer out of the candidates. */
    public static final Duration BUSY_WINDOW = Duration.ofMinutes(1);
    /** A peer with this many results within {@link #BUSY_WINDOW} is not a candidate. */
    public static final int MAX_RESULTS_PER_MINUTE = 10;
    /** The most addresses a candidate is answered with. */
    public static final int MAX_CANDIDATE_ADDRESSES = 32;
    /** The random bytes of a new API key (sent as unpadded base64url). */
    public static final int API_KEY_BYTES = 32;
    /** The longest name an API key may be given. */
    public static final int MAX_KEY_NAME_CHARS = 100;
    /** Connections the pool keeps open. */
    static final int POOL_SIZE = 4;
    /** The file name of the embedded database in its data directory (H2 adds {@code .mv.db}). */
    public static final String EMBEDDED_NAME = "measure";

    /** H2's error code for a database another process holds open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final String PROTOCOL_SEPARATOR = "\n";
    private static final String DCUTR = "/libp2p/dcutr";
    /** Where the candidate query names the peer: the outer query's row, or a parameter. */
    private static final String PEER = "{peer}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HikariDataSource dataSource;

    private JdbcMeasurementStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The JDBC URL of the embedded database in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EMBEDDED_NAME)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Opens the embedded database in {@code dataDir} (creating both as needed) and migrates it. */
    public static JdbcMeasurementStore openEmbedded(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            return open(embeddedUrl(dataDir), null, null);
        } catch (StoreException e) {
            if (isLocked(e)) {
                throw new StoreException("the database in " + dataDir + " is in use by another process (a running measure"
                        + " server?); stop it first, run the honeypot inside the server (measure server --honeypot-listen), or use"
                        + " PostgreSQL", e);
            }
            throw e;
        }
    }

    /** H2's answer when another process has the database file open: error 90020, or MVStore's "file is locked". */
    private static boolean isLocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("file is locked")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the database at {@code jdbcUrl} ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}; user and
     * password may be given here or in the URL) and applies the migrations it lacks.
     */
    public static JdbcMeasurementStore open(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("the database URL must start with jdbc:postgresql: or jdbc:h2:");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("measure-store");
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(1);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the measurement database: " + Errors.rootMessage(e), e);
        }
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new JdbcMeasurementStore(ds);
    }

    private static void migrate(DataSource ds) {
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/measure").load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the measurement database: " + Errors.rootMessage(e), e);
        }
    }

    /** The pool, for tests that look at the rows. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The hex SHA-256 of an API key: what the store keeps of it. */
    public static String keyHash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String addApiKey(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_KEY_NAME_CHARS) {
            throw new IllegalArgumentException("a key's name must be 1 to " + MAX_KEY_NAME_CHARS + " characters");
        }
        byte[] raw = new byte[API_KEY_BYTES];
        RANDOM.nextBytes(raw);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO authorizations (username, key_sha256, created_at) VALUES (?, ?, ?)")) {
                st.setString(1, name);
                st.setString(2, keyHash(key));
                setInstant(st, 3, Instant.now());
                st.executeUpdate();
            }
            return key;
        });
    }

    @Override
    public OptionalLong authorize(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return OptionalLong.empty();
        }
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM authorizations WHERE key_sha256 = ?")) {
                st.setString(1, keyHash(apiKey));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public long registerClient(long authorization, PeerId client, String agentVersion, List<String> protocols) {
        Instant now = Instant.now();
        return inTransaction(c -> {
            long peer = upsertPeer(c, client, agentVersion, protocols, now);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO clients (peer_id, authorization_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setLong(1, peer);
                st.setLong(2, authorization);
                setInstant(st, 3, now);
                setInstant(st, 4, now);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE clients SET authorization_id = ?, updated_at = ? WHERE peer_id = ?")) {
                st.setLong(1, authorization);
                setInstant(st, 2, now);
                st.setLong(3, peer);
                st.executeUpdate();
            }
            return peer;
        });
    }

    @Override
    public void recordSighting(PeerId peer, String agentVersion, List<String> protocols, List<Multiaddr> addrs, Instant at) {
        inTransaction(c -> {
            long peerId = upsertPeer(c, peer, agentVersion, protocols, at);
            long sighting = insert(c, "INSERT INTO sightings (peer_id, seen_at) VALUES (?, ?)", st -> {
                st.setLong(1, peerId);
                setInstant(st, 2, at);
            });
            Map<String, Long> ids = new HashMap<>();
            for (Multiaddr addr : new LinkedHashSet<>(addrs)) {
                long ma = multiaddrId(c, addr, ids, at);
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO sightings_x_multi_addresses (sighting_id, multi_address_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    st.setLong(1, sighting);
                    st.setLong(2, ma);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Candidate> candidate(List<PeerId> clientHosts, Instant now) {
        return candidate(clientHosts, now, ProtocolFilter.ANY);
    }

    @Override
    public Optional<Candidate> candidate(List<PeerId> clientHosts, Instant now, ProtocolFilter filter) {
        List<String> hosts = clientHosts.stream().map(PeerId::toBase58).distinct().toList();
        String addressCondition = addressCondition(filter, hosts.size());
        String correlated = addressCondition.replace(PEER, "p.id");
        String peerSql = "SELECT p.id, p.multi_hash FROM peers p WHERE p.supports_dcutr"
                + " AND p.id NOT IN (SELECT r.remote_id FROM hole_punch_results r WHERE r.received_at > ?"
                + " GROUP BY r.remote_id HAVING COUNT(*) >= ?)"
                + " AND EXISTS (SELECT 1 " + correlated + ")"
                + " ORDER BY RANDOM() LIMIT 1";
        String addrSql = "SELECT DISTINCT ma.maddr " + addressCondition + " ORDER BY ma.maddr LIMIT " + MAX_CANDIDATE_ADDRESSES;
        Instant candidateSince = now.minus(CANDIDATE_WINDOW);
        return inTransaction(c -> {
            long peerId;
            String multiHash;
            try (PreparedStatement st = c.prepareStatement(peerSql)) {
                int i = 1;
                setInstant(st, i++, now.minus(BUSY_WINDOW));
                st.setInt(i++, MAX_RESULTS_PER_MINUTE);
                bindAddressCondition(st, i, candidateSince, hosts);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Candidate>empty();
                    }
                    peerId = rs.getLong(1);
                    multiHash = rs.getString(2);
                }
            }
            List<Multiaddr> addrs = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(addrSql.replace(PEER, "?"))) {
                st.setLong(1, peerId);
                bindAddressCondition(st, 2, candidateSince, hosts, peerId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        addrs.add(Multiaddr.parse(rs.getString(1)));
                    }
                }
            }
            return Optional.of(new Candidate(PeerId.fromBase58(multiHash), addrs));
        });
    }

    /**
     * The FROM and WHERE of the relay addresses a peer {@code p.id} was seen with recently that match
     * the filter and that none of the hosts was handed recently. Parameters: the sighting window's
     * start, then (with hosts) the exclusion window's start and the hosts' ids.
     */
    private static String addressCondition(ProtocolFilter filter, int hostCount) {
        StringBuilder sql = new StringBuilder("FROM sightings s"
                + " JOIN sightings_x_multi_addresses sx ON sx.sighting_id = s.id"
                + " JOIN multi_addresses ma ON ma.id = sx.multi_address_id"
                + " WHERE s.peer_id = " + PEER + " AND s.seen_at > ? AND ma.is_relay");
        if (filter.ip4()) {
            sql.append(" AND ma.has_ip4");
        }
        if (filter.ip6()) {
            sql.append(" AND ma.has_ip6");
        }
        if (filter.tcp()) {
            sql.append(" AND ma.has_tcp");
        }
        if (filter.quic()) {
            sql.append(" AND ma.has_quic");
        }
        if (hostCount > 0) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM hole_punch_results r2"
                    + " JOIN hole_punch_results_x_multi_addresses rx ON rx.hole_punch_result_id = r2.id"
                    + " JOIN peers cp ON cp.id = r2.client_id"
                    + " WHERE r2.remote_id = " + PEER + " AND rx.multi_address_id = ma.id AND rx.relationship = 'INITIAL'"
                    + " AND r2.received_at > ? AND cp.multi_hash IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(hostCount, "?")))
                    .append("))");
        }
        return sql.toString();
    }

    private static int bindAddressCondition(PreparedStatement st, int from, Instant since, List<String> hosts, long... peerId)
            throws SQLException {
        int i = from;
        setInstant(st, i++, since);
        if (!hosts.isEmpty()) {
            if (peerId.length > 0) {
                st.setLong(i++, peerId[0]);
            }
            setInstant(st, i++, since);
            for (String h : hosts) {
                st.setString(i++, h);
            }
        }
        return i;
    }

    @Override
    public long trackHolePunch(long authorization, PunchrProtos.TrackHolePunchRequest request, Instant receivedAt) {
        return inTransaction(c -> {
            PeerId client = PeerId.fromBytes(request.getClientId().toByteArray());
            PeerId remote = PeerId.fromBytes(request.getRemoteId().toByteArray());
            long clientId = ensurePeer(c, client, receivedAt);
            long remoteId = ensurePeer(c, remote, receivedAt);
            Long networkInformation = null;
            if (request.hasNetworkInformation()) {
                PunchrProtos.NetworkInformation ni = request.getNetworkInformation();
                networkInformation = insert(c, "INSERT INTO network_information (router_login_html, router_login_html_error,"
                        + " supports_ipv6, supports_ipv6_error) VALUES (?, ?, ?, ?)", st -> {
                            st.setString(1, ni.hasRouterLoginHtml() ? ni.getRouterLoginHtml() : null);
                            st.setString(2, ni.hasRouterLoginHtmlError() ? ni.getRouterLoginHtmlError() : null);
                            if (ni.hasSupportsIpv6()) {
                                st.setBoolean(3, ni.getSupportsIpv6());
                            } else {
                                st.setNull(3, Types.BOOLEAN);
                            }
                            st.setString(4, ni.hasSupportsIpv6Error() ? ni.getSupportsIpv6Error() : null);
                        });
            }
            Long ni = networkInformation;
            long result = insert(c, "INSERT INTO hole_punch_results (authorization_id, client_id, remote_id, connect_started_at,"
                    + " connect_ended_at, has_direct_conns, error, outcome, ended_at, protocols, network_information_id, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", st -> {
                        st.setLong(1, authorization);
                        st.setLong(2, clientId);
                        st.setLong(3, remoteId);
                        setInstant(st, 4, fromNanos(request.getConnectStartedAt()));
                        setInstant(st, 5, fromNanos(request.getConnectEndedAt()));
                        st.setBoolean(6, request.getHasDirectConns());
                        st.setString(7, request.hasError() ? request.getError() : null);
                        st.setString(8, outcomeName(request.getOutcome()));
                        setInstant(st, 9, fromNanos(request.getEndedAt()));
                        st.setString(10, String.join(",", request.getProtocolsList().stream().map(String::valueOf).toList()));
                        if (ni == null) {
                            st.setNull(11, Types.BIGINT);
                        } else {
                            st.setLong(11, ni);
                        }
                        setInstant(st, 12, receivedAt);
                    });
            Map<String, Long> ids = new HashMap<>();
            linkAddresses(c, result, "INITIAL", request.getRemoteMultiAddressesList(), ids, receivedAt);
            linkAddresses(c, result, "FINAL", request.getOpenMultiAddressesList(), ids, receivedAt);
            linkAddresses(c, result, "LISTEN", request.getListenMultiAddressesList(), ids, receivedAt);
            int number = 1;
            for (PunchrProtos.HolePunchAttempt a : request.getHolePunchAttemptsList()) {
                int n = number++;
                long attempt = insert(c, "INSERT INTO hole_punch_attempts (hole_punch_result_id, attempt_number, opened_at, started_at,"
                        + " ended_at, start_rtt, elapsed_time, outcome, error, direct_dial_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", st -> {
                            st.setLong(1, result);
                            st.setInt(2, n);
                            setInstant(st, 3, fromNanos(a.getOpenedAt()));
                            setInstant(st, 4, a.hasStartedAt() ? fromNanos(a.getStartedAt()) : null);
                            setInstant(st, 5, fromNanos(a.getEndedAt()));
                            if (a.hasStartRtt()) {
                                st.setFloat(6, a.getStartRtt());
                            } else {
                                st.setNull(6, Types.REAL);
                            }
                            st.setFloat(7, a.getElapsedTime());
                            st.setString(8, attemptOutcomeName(a.getOutcome()));
                            st.setString(9, a.hasError() ? a.getError() : null);
                            st.setString(10, a.hasDirectDialError() ? a.getDirectDialError() : null);
                        });
                for (Long ma : addressIds(c, a.getMultiAddressesList(), ids, receivedAt)) {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO hole_punch_attempts_x_multi_addresses"
                            + " (hole_punch_attempt_id, multi_address_id) VALUES (?, ?)")) {
                        st.setLong(1, attempt);
                        st.setLong(2, ma);
                        st.executeUpdate();
                    }
                }
            }
            for (PunchrProtos.LatencyMeasurement m : request.getLatencyMeasurementsList()) {
                long measuredPeer = ensurePeer(c, PeerId.fromBytes(m.getRemoteId().toByteArray()), receivedAt);
                long ma = multiaddrId(c, Multiaddr.fromBytes(m.getMultiAddress().toByteArray()), ids, receivedAt);
                long measurement = insert(c, "INSERT INTO latency_measurements (hole_punch_result_id, remote_id, agent_version,"
                        + " protocols, multi_address_id, mtype) VALUES (?, ?, ?, ?, ?, ?)", st -> {
                            st.setLong(1, result);
                            st.setLong(2, measuredPeer);
                            st.setString(3, m.getAgentVersion());
                            st.setString(4, String.join(PROTOCOL_SEPARATOR, m.getProtocolsList()));
                            st.setLong(5, ma);
                            st.setString(6, m.getMtype().name());
                        });
                int samples = Math.max(m.getRttsCount(), m.getRttErrsCount());
                for (int i = 0; i < samples; i++) {
                    try (PreparedStatement st = c.prepareStatement(
                            "INSERT INTO latency_samples (latency_measurement_id, seq, rtt, error) VALUES (?, ?, ?, ?)")) {
                        st.setLong(1, measurement);
                        st.setInt(2, i);
                        if (i < m.getRttsCount()) {
                            st.setFloat(3, m.getRtts(i));
                        } else {
                            st.setNull(3, Types.REAL);
                        }
                        String err = i < m.getRttErrsCount() ? m.getRttErrs(i) : null;
                        st.setString(4, err == null || err.isEmpty() ? null : err);
                        st.executeUpdate();
                    }
                }
            }
            for (PunchrProtos.NATMapping n : request.getNatMappingsList()) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO nat_mappings (hole_punch_result_id, internal_port,"
                        + " external_port, protocol, addr, addr_network) VALUES (?, ?, ?, ?, ?, ?)")) {
                    st.setLong(1, result);
                    st.setInt(2, n.getInternalPort());
                    st.setInt(3, n.getExternalPort());
                    st.setString(4, n.getProtocol());
                    st.setString(5, n.getAddr());
                    st.setString(6, n.getAddrNetwork());
                    st.executeUpdate();
                }
            }
            return result;
        });
    }

    @Override
    public Report report(Instant since) {
        return inTransaction(c -> {
            Map<String, Integer> byOutcome = new TreeMap<>();
            int total = 0;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT outcome, COUNT(*) FROM hole_punch_results WHERE received_at >= ? GROUP BY outcome")) {
                setInstant(st, 1, since);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byOutcome.put(rs.getString(1), rs.getInt(2));
                        total += rs.getInt(2);
                    }
                }
            }
            Map<String, Map<String, Integer>> byTransport = grouped(c, since,
                    "SELECT transport, outcome, COUNT(*) FROM (SELECT COALESCE(t.transport, 'none') AS transport, r.outcome AS outcome"
                            + " FROM hole_punch_results r LEFT JOIN (SELECT DISTINCT a.hole_punch_result_id AS rid,"
                            + " CASE WHEN ma.has_quic THEN 'quic' WHEN ma.has_tcp THEN 'tcp' ELSE 'other' END AS transport"
                            + " FROM hole_punch_attempts a"
                            + " JOIN hole_punch_attempts_x_multi_addresses am ON am.hole_punch_attempt_id = a.id"
                            + " JOIN multi_addresses ma ON ma.id = am.multi_address_id) t ON t.rid = r.id"
                            + " WHERE r.received_at >= ?) q GROUP BY transport, outcome");
            Map<String, Map<String, Integer>> byNat = byNatPairing(c, since);
            Map<Integer, Integer> successfulAttempt = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT a.attempt_number, COUNT(*) FROM hole_punch_attempts a"
                    + " JOIN hole_punch_results r ON r.id = a.hole_punch_result_id"
                    + " WHERE r.received_at >= ? AND r.outcome = 'SUCCESS' AND a.outcome = 'SUCCESS' GROUP BY a.attempt_number")) {
                setInstant(st, 1, since);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        successfulAttempt.put(rs.getInt(1), rs.getInt(2));
                    }
                }
            }
            return new Report(since, total, byOutcome, byTransport, byNat, successfulAttempt);
        });
    }

    /** Results by {@link NatPairing}, which needs each result's addresses: one pass over the three lists. */
    private static Map<String, Map<String, Integer>> byNatPairing(Connection c, Instant since) throws SQLException {
        Map<Long, String> outcomes = new HashMap<>();
        Set<Long> mapped = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.id, r.outcome, EXISTS (SELECT 1 FROM nat_mappings n"
                + " WHERE n.hole_punch_result_id = r.id) FROM hole_punch_results r WHERE r.received_at >= ?")) {
            setInstant(st, 1, since);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    outcomes.put(rs.getLong(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        mapped.add(rs.getLong(1));
                    }
                }
            }
        }
        String resultAddrs = "SELECT rx.hole_punch_result_id, ma.maddr FROM hole_punch_results_x_multi_addresses rx"
                + " JOIN multi_addresses ma ON ma.id = rx.multi_address_id"
                + " JOIN hole_punch_results r ON r.id = rx.hole_punch_result_id"
                + " WHERE r.received_at >= ? AND rx.relationship = '%s'";
        Map<Long, List<String>> listen = addressesByResult(c, since, resultAddrs.formatted("LISTEN"));
        Map<Long, List<String>> open = addressesByResult(c, since, resultAddrs.formatted("FINAL"));
        Map<Long, List<String>> offered = addressesByResult(c, since, "SELECT a.hole_punch_result_id, ma.maddr"
                + " FROM hole_punch_attempts a JOIN hole_punch_attempts_x_multi_addresses am ON am.hole_punch_attempt_id = a.id"
                + " JOIN multi_addresses ma ON ma.id = am.multi_address_id"
                + " JOIN hole_punch_results r ON r.id = a.hole_punch_result_id WHERE r.received_at >= ?");
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        outcomes.forEach((id, outcome) -> {
            String pairing = NatPairing.of(mapped.contains(id), listen.getOrDefault(id, List.of()),
                    offered.getOrDefault(id, List.of()), open.getOrDefault(id, List.of()));
            out.computeIfAbsent(pairing, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        });
        return out;
    }

    private static Map<Long, List<String>> addressesByResult(Connection c, Instant since, String sql) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            setInstant(st, 1, since);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, Integer>> grouped(Connection c, Instant since, String sql) throws SQLException {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            setInstant(st, 1, since);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        Map<String, Map<String, Integer>> copied = new TreeMap<>();
        out.forEach((k, v) -> copied.put(k, Map.copyOf(v)));
        return copied;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** punchr's outcome name without its prefix: SUCCESS, FAILED, … */
    public static String outcomeName(PunchrProtos.HolePunchOutcome outcome) {
        return outcome.name().substring("HOLE_PUNCH_OUTCOME_".length());
    }

    static String attemptOutcomeName(PunchrProtos.HolePunchAttemptOutcome outcome) {
        return outcome.name().substring("HOLE_PUNCH_ATTEMPT_OUTCOME_".length());
    }

    /** A Unix time in nanoseconds as an instant. */
    public static Instant fromNanos(long unixNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L), Math.floorMod(unixNanos, 1_000_000_000L));
    }

    // ---- rows

    private long upsertPeer(Connection c, PeerId peer, String agentVersion, List<String> protocols, Instant now) throws SQLException {
        long id = ensurePeer(c, peer, now);
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE peers SET agent_version = ?, protocols = ?, supports_dcutr = ?, updated_at = ? WHERE id = ?")) {
            st.setString(1, agentVersion);
            st.setString(2, String.join(PROTOCOL_SEPARATOR, protocols));
            st.setBoolean(3, protocols.contains(DCUTR));
            setInstant(st, 4, now);
            st.setLong(5, id);
            st.executeUpdate();
        }
        return id;
    }

    /** The peer's row id, adding a bare row when it is new. */
    private long ensurePeer(Connection c, PeerId peer, Instant now) throws SQLException {
        String hash = peer.toBase58();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO peers (multi_hash, created_at, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            st.setString(1, hash);
            setInstant(st, 2, now);
            setInstant(st, 3, now);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM peers WHERE multi_hash = ?")) {
            st.setString(1, hash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("peer row vanished: " + hash);
                }
                return rs.getLong(1);
            }
        }
    }

    private long multiaddrId(Connection c, Multiaddr addr, Map<String, Long> cache, Instant now) throws SQLException {
        String text = addr.toString();
        Long known = cache.get(text);
        if (known != null) {
            return known;
        }
        ProtocolFilter.Features f = ProtocolFilter.Features.of(addr);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO multi_addresses (maddr, is_relay, has_ip4, has_ip6, has_tcp,"
                + " has_quic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, text);
            st.setBoolean(2, addr.isCircuit());
            st.setBoolean(3, f.ip4());
            st.setBoolean(4, f.ip6());
            st.setBoolean(5, f.tcp());
            st.setBoolean(6, f.quic());
            setInstant(st, 7, now);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM multi_addresses WHERE maddr = ?")) {
            st.setString(1, text);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("multiaddress row vanished: " + text);
                }
                long id = rs.getLong(1);
                cache.put(text, id);
                return id;
            }
        }
    }

    private Set<Long> addressIds(Connection c, List<com.google.protobuf.ByteString> addrs, Map<String, Long> cache, Instant now)
            throws SQLException {
        Set<Long> ids = new LinkedHashSet<>();
        for (com.google.protobuf.ByteString b : addrs) {
            ids.add(multiaddrId(c, Multiaddr.fromBytes(b.toByteArray()), cache, now));
        }
        return ids;
    }

    private void linkAddresses(Connection c, long result, String relationship, List<com.google.protobuf.ByteString> addrs,
                               Map<String, Long> cache, Instant now) throws SQLException {
        for (Long ma : addressIds(c, addrs, cache, now)) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO hole_punch_results_x_multi_addresses"
                    + " (hole_punch_result_id, multi_address_id, relationship) VALUES (?, ?, ?)")) {
                st.setLong(1, result);
                st.setLong(2, ma);
                st.setString(3, relationship);
                st.executeUpdate();
            }
        }
    }

    // ---- plumbing

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static long insert(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql, new String[] {"id"})) {
            binder.bind(st);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated by: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    private static void setInstant(PreparedStatement st, int index, Instant at) throws SQLException {
        if (at == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("measurement store: " + Errors.rootMessage(e), e);
        }
    }
}
