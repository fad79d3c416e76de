package io.wirepunch.core.protocol.relay.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON of {@code stats.json} and of the archive files, named after Wireleap's relay
 * ({@code network_bytes}, {@code start_at}, {@code end_at}, {@code updated_at}) with peers where
 * Wireleap has contracts, and instants as ISO 8601 text so that a person can read the file:
 *
 * <pre>{@code
 * {"version": 1, "start_at": "2025-01-01T00:00:00Z", "end_at": "2025-01-31T00:00:00Z",
 *  "updated_at": "2025-01-03T12:00:00Z", "network_bytes": 5000, "other_peers_bytes": 0,
 *  "peer_stats": {"12D3KooW…": {"network_bytes": 5000}, "QmYy…": {"network_bytes": 5000}}}
 * }</pre>
 *
 * Reading is strict: a file that does not hold exactly this is treated as damaged, not guessed at.
 */
final class StatsFormat {
    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private StatsFormat() {}

    static byte[] encode(StatsDocument document) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("start_at", document.period().start().toString());
        root.put("end_at", document.period().end().toString());
        root.put("updated_at", document.updatedAt().toString());
        root.put("network_bytes", document.totals().networkBytes());
        root.put("other_peers_bytes", document.totals().otherPeersBytes());
        ObjectNode peers = root.putObject("peer_stats");
        document.totals().peerBytes().entrySet().stream()
                .sorted(Map.Entry.<PeerId, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> peers.putObject(e.getKey().toBase58()).put("network_bytes", e.getValue()));
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always encodes", e);
        }
    }

    /** The document in {@code content}; an IllegalArgumentException says what is wrong with it. */
    static StatsDocument decode(byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        long version = count(root, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not known (expected " + VERSION + ")");
        }
        Instant start = instant(root, "start_at");
        Instant end = instant(root, "end_at");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end_at " + end + " is not after start_at " + start);
        }
        JsonNode peerStats = field(root, "peer_stats");
        if (!peerStats.isObject()) {
            throw new IllegalArgumentException("peer_stats is not an object");
        }
        Map<PeerId, Long> peers = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : peerStats.properties()) {
            PeerId peer;
            try {
                peer = PeerId.fromBase58(entry.getKey());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("peer_stats: \"" + entry.getKey() + "\" is not a peer id");
            }
            peers.put(peer, count(entry.getValue(), "network_bytes"));
        }
        UsageTotals totals = new UsageTotals(count(root, "network_bytes"), peers, count(root, "other_peers_bytes"));
        return new StatsDocument(new Period(start, end), totals, instant(root, "updated_at"));
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.isObject() ? node.get(name) : null;
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static long count(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException(name + " is not a whole number of at least 0: " + value);
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode node, String name) {
        JsonNode value = field(node, name);
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO 8601 instant: " + value);
        }
    }
}
