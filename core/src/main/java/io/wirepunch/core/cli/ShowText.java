package io.wirepunch.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Renders the JSON of {@code show --json} as {@code wg show}-like text: the node, then one block per peer. */
final class ShowText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShowText() {}

    static String of(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new CliException("the node sent a reply that is not JSON: " + e.getMessage());
        }
        StringBuilder b = new StringBuilder();
        JsonNode n = root.path("node");
        b.append("node: ").append(n.path("peerId").asText()).append('\n');
        b.append("  participating: ").append(n.path("participating").asBoolean() ? "yes" : "no").append('\n');
        b.append("  reachability: ").append(n.path("reachability").asText().toLowerCase()).append('\n');
        n.path("listenAddrs").forEach(a -> b.append("  listening: ").append(a.asText()).append('\n'));
        for (JsonNode p : root.path("peers")) {
            b.append('\n').append("peer: ").append(p.path("peerId").asText()).append('\n');
            b.append("  path: ").append(p.path("path").asText());
            if (!p.path("relay").isNull()) {
                b.append(" via ").append(p.path("relay").asText());
            }
            b.append('\n');
            line(b, "endpoint", p.path("endpoint"));
            line(b, "latest handshake", p.path("latestHandshake"));
            b.append("  transfer: ").append(p.path("rxBytes").asLong()).append(" B received, ")
                    .append(p.path("txBytes").asLong()).append(" B sent\n");
            line(b, "last hole punch", p.path("lastHolePunch"));
            line(b, "agent", p.path("agent"));
        }
        return b.toString().stripTrailing();
    }

    private static void line(StringBuilder b, String label, JsonNode value) {
        if (!value.isNull() && !value.isMissingNode()) {
            b.append("  ").append(label).append(": ").append(value.asText()).append('\n');
        }
    }
}
