package io.wirepunch.core.protocol.relay.usage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** JSON text to {@link RelayConfigFile}, every problem reported with its key's path. */
final class RelayConfigParser {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RelayConfigParser() {}

    static RelayConfigFile parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String problem = "not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage();
            // After a syntax error the parser still names the previous key, which would mislead.
            boolean repeatedKey = e.getOriginalMessage().startsWith("Duplicate field");
            throw new RelayConfigException(repeatedKey ? keyAt(e) : "", problem);
        }
        if (root == null || root.isMissingNode()) {
            throw new RelayConfigException("", "empty; expected a JSON object (use {} for every default)");
        }
        Section top = new Section("", root);
        top.allowOnly(NetworkUsageConfig.SECTION, ReservationConfig.SECTION, CircuitConfig.SECTION);
        return new RelayConfigFile(networkUsage(top.section(NetworkUsageConfig.SECTION)),
                reservations(top.section(ReservationConfig.SECTION)),
                circuits(top.section(CircuitConfig.SECTION)));
    }

    private static NetworkUsageConfig networkUsage(Section s) {
        s.allowOnly("global_limit", "peer_limit", "timeframe", "write_interval", "stats_file", "archive_dir");
        NetworkUsageConfig d = NetworkUsageConfig.DEFAULTS;
        return new NetworkUsageConfig(s.size("global_limit", d.globalLimit()), s.size("peer_limit", d.peerLimit()),
                s.duration("timeframe", d.timeframe()), s.duration("write_interval", d.writeInterval()),
                s.path("stats_file", d.statsFile()), s.path("archive_dir", d.archiveDir()));
    }

    private static ReservationConfig reservations(Section s) {
        s.allowOnly("max", "max_per_peer", "max_per_ip", "ttl");
        ReservationConfig d = ReservationConfig.DEFAULTS;
        return new ReservationConfig(s.count("max", d.max()), s.count("max_per_peer", d.maxPerPeer()),
                s.count("max_per_ip", d.maxPerIp()), s.duration("ttl", d.ttl()));
    }

    private static CircuitConfig circuits(Section s) {
        s.allowOnly("max", "max_per_peer", "max_duration", "max_bytes");
        CircuitConfig d = CircuitConfig.DEFAULTS;
        return new CircuitConfig(s.count("max", d.max()), s.count("max_per_peer", d.maxPerPeer()),
                s.duration("max_duration", d.maxDuration()), s.size("max_bytes", d.maxBytes()));
    }

    /** The dotted path of the key the parser stood at. */
    private static String keyAt(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                key.insert(0, key.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
            } else if (c.inArray()) {
                return "";
            }
        }
        return key.toString();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** One JSON object of the file and its dotted path; an absent section reads as empty. */
    private record Section(String path, JsonNode node) {
        Section {
            if (node != null && !node.isObject()) {
                throw new RelayConfigException(path, "expected a JSON object, found " + describe(node));
            }
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        Section section(String name) {
            return new Section(key(name), node == null ? null : node.get(name));
        }

        void allowOnly(String... names) {
            if (node == null) {
                return;
            }
            List<String> known = List.of(names);
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String name = property.getKey();
                if (!known.contains(name)) {
                    throw new RelayConfigException(key(name), "unknown key; known here: " + String.join(", ", known));
                }
            }
        }

        long size(String name, long fallback) {
            return value(name, fallback, v -> {
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    RelayConfigException.requireNonNegative(v.longValue(), key(name));
                    return v.longValue();
                }
                if (v.isTextual()) {
                    return ByteSize.parse(v.textValue());
                }
                throw new IllegalArgumentException(describe(v) + " is not a size: expected text such as \"128KB\" or a whole number of bytes");
            });
        }

        Duration duration(String name, Duration fallback) {
            return value(name, fallback, v -> {
                if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() == 0) {
                    return Duration.ZERO;
                }
                if (v.isTextual()) {
                    return DurationText.parse(v.textValue());
                }
                throw new IllegalArgumentException(describe(v) + " is not a duration: expected text with a unit, such as \"90s\", \"5m\" or \"30d\"");
            });
        }

        int count(String name, int fallback) {
            return value(name, fallback, v -> {
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return v.intValue();
                }
                throw new IllegalArgumentException(describe(v) + " is not a count: expected a whole number");
            });
        }

        Path path(String name, Path fallback) {
            return value(name, fallback, v -> {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException(describe(v) + " is not a path: expected text");
                }
                try {
                    return Path.of(v.textValue());
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(ByteSize.quote(v.textValue()) + " is not a path: " + e.getReason());
                }
            });
        }

        private <T> T value(String name, T fallback, Function<JsonNode, T> read) {
            JsonNode v = node == null ? null : node.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                return read.apply(v);
            } catch (RelayConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new RelayConfigException(key(name), e.getMessage());
            }
        }

        private static String describe(JsonNode v) {
            String text = v.toString();
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}
