package io.wirepunch.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings file's JSON, read field by field from the tree so that a missing field takes its
 * default, an unknown one (written by a newer version) is left alone, and a wrong one is reported
 * by its dotted name rather than by a parser's position.
 */
final class SettingsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SettingsJson() {}

    static AppSettings parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SettingsException("(file)", "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return AppSettings.DEFAULTS;
        }
        Fields top = new Fields("", object(root, "(file)"));
        AppSettings d = AppSettings.DEFAULTS;
        return new AppSettings(bootstrapPeers(top), relay(top.object("relay")), measurement(top.object("measurement")),
                top.integer("host_count", d.hostCount()), window(top.object("window")), top.bool("launch_at_login", d.launchAtLogin()),
                top.bool("participate", d.participate()), top.bool("notifications", d.notifications()));
    }

    static String write(AppSettings settings) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode peers = root.putArray("bootstrap_peers");
        settings.bootstrapPeers().forEach(peers::add);
        RelaySettings r = settings.relay();
        root.putObject("relay")
                .put("enabled", r.enabled())
                .put("global_limit_bytes", r.globalLimitBytes())
                .put("peer_limit_bytes", r.peerLimitBytes())
                .put("timeframe_hours", r.timeframe().toHours())
                .put("max_reservations", r.maxReservations())
                .put("max_circuits", r.maxCircuits());
        root.putObject("measurement").put("server", settings.measurement().server()).put("api_key", settings.measurement().apiKey());
        root.put("host_count", settings.hostCount());
        settings.window().ifPresent(w -> root.putObject("window")
                .put("x", w.x()).put("y", w.y()).put("width", w.width()).put("height", w.height()));
        root.put("launch_at_login", settings.launchAtLogin());
        root.put("participate", settings.participate());
        root.put("notifications", settings.notifications());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static List<String> bootstrapPeers(Fields top) {
        JsonNode node = top.node.get("bootstrap_peers");
        if (node == null || node.isNull()) {
            return AppSettings.DEFAULTS.bootstrapPeers();
        }
        if (!node.isArray()) {
            throw new SettingsException("bootstrap_peers", "must be a list of multiaddrs");
        }
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "bootstrap_peers[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new SettingsException(field, "must be a multiaddr in quotes");
            }
            try {
                Multiaddr.parse(item.asText());
            } catch (RuntimeException e) {
                throw new SettingsException(field, "is not a multiaddr: " + e.getMessage());
            }
            peers.add(item.asText());
        }
        return peers;
    }

    private static RelaySettings relay(Fields f) {
        RelaySettings d = RelaySettings.DEFAULTS;
        return new RelaySettings(f.bool("enabled", d.enabled()), f.number("global_limit_bytes", d.globalLimitBytes()),
                f.number("peer_limit_bytes", d.peerLimitBytes()), Duration.ofHours(f.number("timeframe_hours", d.timeframe().toHours())),
                f.integer("max_reservations", d.maxReservations()), f.integer("max_circuits", d.maxCircuits()));
    }

    private static MeasurementSettings measurement(Fields f) {
        return new MeasurementSettings(f.text("server", ""), f.text("api_key", ""));
    }

    private static Optional<WindowPlacement> window(Fields f) {
        if (f.node.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WindowPlacement(f.decimal("x"), f.decimal("y"), f.decimal("width"), f.decimal("height")));
    }

    private static ObjectNode object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new SettingsException(field, "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** One object of the file, with the dotted path that names its fields in errors. */
    private record Fields(String prefix, ObjectNode node) {
        Fields object(String name) {
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                return new Fields(name + ".", MAPPER.createObjectNode());
            }
            return new Fields(name + ".", SettingsJson.object(child, prefix + name));
        }

        boolean bool(String name, boolean fallback) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new SettingsException(prefix + name, "must be true or false, not " + value);
            }
            return value.booleanValue();
        }

        long number(String name, long fallback) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new SettingsException(prefix + name, "must be a whole number, not " + value);
            }
            return value.longValue();
        }

        int integer(String name, int fallback) {
            long value = number(name, fallback);
            if (value != (int) value) {
                throw new SettingsException(prefix + name, "is too large: " + value);
            }
            return (int) value;
        }

        double decimal(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isNumber()) {
                throw new SettingsException(prefix + name, "must be a number");
            }
            return value.doubleValue();
        }

        String text(String name, String fallback) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw new SettingsException(prefix + name, "must be text in quotes");
            }
            return value.textValue();
        }
    }
}
