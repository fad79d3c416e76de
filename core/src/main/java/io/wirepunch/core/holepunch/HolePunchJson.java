package io.wirepunch.core.holepunch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A hole-punch record as one JSON object: what {@code punch} prints and what a measurement report
 * stores. Field names follow punchr's (outcome, attempts, start RTT, elapsed time) with times in
 * milliseconds and instants in ISO 8601; absent values are {@code null}.
 */
public final class HolePunchJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HolePunchJson() {}

    public static ObjectNode toJson(HolePunchRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("outcome", r.outcome().name());
        o.put("role", r.role().name());
        o.put("remote", r.remote().toBase58());
        o.put("relay", r.relay().map(p -> p.toBase58()).orElse(null));
        o.put("startedAt", r.startedAt().toString());
        o.put("endedAt", r.endedAt().toString());
        o.put("elapsedMs", r.elapsed().toMillis());
        putMillis(o, "startRttMs", r.startRtt());
        putMillis(o, "timeToDirectMs", r.timeToDirect());
        o.put("directAddr", r.directAddr().map(Multiaddr::toString).orElse(null));
        addrs(o.putArray("localAddrs"), r.localAddrs());
        addrs(o.putArray("remoteAddrs"), r.remoteAddrs());
        ArrayNode attempts = o.putArray("attempts");
        for (HolePunchAttempt a : r.attempts()) {
            ObjectNode x = attempts.addObject();
            x.put("number", a.number());
            x.put("outcome", a.outcome().name());
            x.put("openedAt", a.openedAt().toString());
            x.put("dialStartedAt", a.dialStartedAt().map(Instant::toString).orElse(null));
            x.put("endedAt", a.endedAt().toString());
            x.put("elapsedMs", a.elapsed().toMillis());
            putMillis(x, "rttMs", a.rtt());
            addrs(x.putArray("remoteAddrs"), a.remoteAddrs());
            addrs(x.putArray("dialled"), a.dialled());
            x.put("directAddr", a.directAddr().map(Multiaddr::toString).orElse(null));
            x.put("error", a.error().orElse(null));
        }
        o.put("error", r.error().orElse(null));
        return o;
    }

    public static String line(HolePunchRecord r) {
        return toJson(r).toString();
    }

    private static void putMillis(ObjectNode o, String field, Optional<Duration> d) {
        if (d.isPresent()) {
            o.put(field, d.get().toNanos() / 1e6);
        } else {
            o.putNull(field);
        }
    }

    private static void addrs(ArrayNode array, List<Multiaddr> addrs) {
        addrs.forEach(a -> array.add(a.toString()));
    }
}
