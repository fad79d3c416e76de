package io.wirepunch.core.bench;

import java.util.Locale;
import java.util.Map;

/** A benchmark's report as one JSON line: flat figures (numbers, strings) and nested maps of them. */
public final class JsonLine {
    private JsonLine() {}

    public static String of(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder("{");
        for (var e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> m = (Map<String, ?>) nested;
                sb.append(of(m));
            } else if (v instanceof Number n) {
                sb.append(String.format(Locale.ROOT, "%s", n));
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    /** Two decimals are plenty for a figure that varies more than that from run to run. */
    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
