package io.wirepunch.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

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
        b.append("  public key: ").append(n.path("publicKey").asText()).append('\n');
        b.append("  participating: ").append(n.path("participating").asBoolean() ? "yes" : "no").append('\n');
        b.append("  reachability: ").append(n.path("reachability").asText().toLowerCase(Locale.ROOT)).append('\n');
        b.append("  nat mapping: ").append(n.path("natMapping").asText().toLowerCase(Locale.ROOT).replace('_', '-')).append('\n');
        n.path("listenAddrs").forEach(a -> b.append("  listening: ").append(a.asText()).append('\n'));
        for (JsonNode net : n.path("networks")) {
            b.append("  network: ").append(net.path("name").asText());
            if (!net.path("ipv4").isNull()) {
                b.append(" ").append(net.path("ipv4").asText());
            }
            if (!net.path("ipv6").isNull()) {
                b.append(" ").append(net.path("ipv6").asText());
            }
            b.append(", ").append(net.path("members").asInt()).append(" members\n");
        }
        n.path("networkProblems").forEach(p -> b.append("  not loaded: ").append(p.asText()).append('\n'));
        if (!n.path("exposedPorts").isEmpty()) {
            b.append("  exposed: ").append(join(n.path("exposedPorts"))).append('\n');
        }
        for (JsonNode f : n.path("forwards")) {
            b.append("  forward: ").append(f.path("listen").asText()).append(" -> ").append(f.path("peer").asText())
                    .append(':').append(f.path("remotePort").asInt()).append(", ").append(f.path("activeConnections").asInt())
                    .append(" open, ").append(f.path("bytesSent").asLong()).append(" B sent, ")
                    .append(f.path("bytesReceived").asLong()).append(" B received");
            if (!f.path("lastError").isNull()) {
                b.append(", last error: ").append(f.path("lastError").asText());
            }
            b.append('\n');
        }
        for (JsonNode p : root.path("peers")) {
            b.append('\n').append("peer: ").append(p.path("peerId").asText()).append('\n');
            line(b, "name", p.path("name"));
            line(b, "public key", p.path("publicKey"));
            if (!p.path("allowedIps").isEmpty()) {
                b.append("  allowed ips: ").append(join(p.path("allowedIps"))).append('\n');
            }
            b.append("  path: ").append(p.path("path").asText());
            if (!p.path("relay").isNull()) {
                b.append(" via ").append(p.path("relay").asText());
            }
            b.append('\n');
            line(b, "endpoint", p.path("endpoint"));
            line(b, "latest handshake", p.path("latestHandshake"));
            b.append("  transfer: ").append(p.path("rxBytes").asLong()).append(" B received, ")
                    .append(p.path("txBytes").asLong()).append(" B sent\n");
            if (!p.path("persistentKeepalive").isNull()) {
                b.append("  persistent keepalive: every ").append(p.path("persistentKeepalive").asLong()).append(" seconds\n");
            }
            if (!p.path("rttMillis").isNull()) {
                b.append("  rtt: ").append(String.format(Locale.ROOT, "%.2f ms", p.path("rttMillis").asDouble())).append('\n');
            }
            b.append("  nat: ").append(p.path("nat").asText().toLowerCase(Locale.ROOT)).append('\n');
            b.append("  trust: ").append(p.path("trust").asText().toLowerCase(Locale.ROOT).replace('_', '-')).append('\n');
            if (!p.path("networks").isEmpty()) {
                b.append("  networks: ").append(join(p.path("networks"))).append('\n');
            }
            line(b, "last hole punch", p.path("lastHolePunch"));
            line(b, "agent", p.path("agent"));
        }
        return b.toString().stripTrailing();
    }

    private static String join(JsonNode array) {
        StringBuilder out = new StringBuilder();
        array.forEach(x -> out.append(out.length() == 0 ? "" : ", ").append(x.asText()));
        return out.toString();
    }

    private static void line(StringBuilder b, String label, JsonNode value) {
        if (!value.isNull() && !value.isMissingNode()) {
            b.append("  ").append(label).append(": ").append(value.asText()).append('\n');
        }
    }
}
