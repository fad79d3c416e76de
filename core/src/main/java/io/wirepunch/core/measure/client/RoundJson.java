package io.wirepunch.core.measure.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.holepunch.HolePunchJson;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;

/**
 * One measured round as one JSON object, what {@code measure client} prints per result: the host,
 * whether the server and the local store took it, the hole-punch record as {@code punch} prints it,
 * whether direct connections were open after it, and the latency measurements in milliseconds.
 */
public final class RoundJson {
    private RoundJson() {
    }

    public static ObjectNode toJson(RoundEvent.Measured m) {
        ObjectNode o = HolePunchJson.toJson(m.record());
        o.put("host", m.host().toBase58());
        o.put("reported", m.reported());
        o.put("kept", m.kept());
        PunchrProtos.TrackHolePunchRequest req = m.request();
        o.put("hasDirectConns", req.getHasDirectConns());
        ArrayNode open = o.putArray("openAddrs");
        req.getOpenMultiAddressesList().forEach(b -> open.add(Multiaddr.fromBytes(b.toByteArray()).toString()));
        ArrayNode latencies = o.putArray("latencies");
        for (PunchrProtos.LatencyMeasurement l : req.getLatencyMeasurementsList()) {
            ObjectNode x = latencies.addObject();
            x.put("type", l.getMtype().name());
            x.put("addr", Multiaddr.fromBytes(l.getMultiAddress().toByteArray()).toString());
            ArrayNode rtts = x.putArray("rttsMs");
            l.getRttsList().forEach(s -> rtts.add(Math.round(s * 1e6) / 1e3));
            ArrayNode errors = x.putArray("errors");
            l.getRttErrsList().forEach(errors::add);
        }
        return o;
    }

    public static String line(RoundEvent.Measured m) {
        return toJson(m).toString();
    }
}
