package io.wirepunch.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalDouble;

/**
 * One {@code punch} run as the benchmark counts it, read from the JSON line the command prints.
 *
 * @param outcome        the record's outcome, or {@link #NO_OUTPUT} when the run printed no record
 *                       (it could not reach the relay, crashed or was stopped)
 * @param timeToDirectMs from the relayed connection to the direct one, when there is one
 * @param firstAttempt   whether the first attempt was the one that succeeded
 * @param relayMBps      upload through the relay after SUCCESS with {@code --perf-bytes}
 * @param directMBps     upload over the direct connection after SUCCESS with {@code --perf-bytes}
 * @param perfErrors     why a throughput figure is missing, per path ("relay: ...; direct: ..."); empty when none
 */
record PunchResult(String outcome, OptionalDouble timeToDirectMs, boolean firstAttempt,
                   OptionalDouble relayMBps, OptionalDouble directMBps, String perfErrors) {
    static final String SUCCESS = "SUCCESS";
    static final String NO_OUTPUT = "NO_OUTPUT";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    boolean success() {
        return SUCCESS.equals(outcome);
    }

    /** The last line of {@code stdout} that is a JSON object with an outcome; {@link #NO_OUTPUT} without one. */
    static PunchResult parse(String stdout) {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode o;
            try {
                o = MAPPER.readTree(line);
            } catch (Exception notJson) {
                continue;
            }
            if (o.hasNonNull("outcome")) {
                return of(o);
            }
        }
        return new PunchResult(NO_OUTPUT, OptionalDouble.empty(), false, OptionalDouble.empty(), OptionalDouble.empty(), "");
    }

    private static PunchResult of(JsonNode o) {
        String outcome = o.get("outcome").asText();
        boolean first = false;
        if (SUCCESS.equals(outcome)) {
            for (JsonNode a : o.path("attempts")) {
                if (SUCCESS.equals(a.path("outcome").asText())) {
                    first = a.path("number").asInt() == 1;
                    break;
                }
            }
        }
        StringBuilder errors = new StringBuilder();
        JsonNode perfErrors = o.path("perfErrors");
        perfErrors.fieldNames().forEachRemaining(name -> errors.append(errors.length() > 0 ? "; " : "")
                .append(name).append(": ").append(perfErrors.get(name).asText()));
        return new PunchResult(outcome, number(o, "timeToDirectMs"), first,
                number(o, "relayPerfMBps"), number(o, "directPerfMBps"), errors.toString());
    }

    private static OptionalDouble number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }
}
