package io.wirepunch.core.measure.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.measure.store.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Report} as {@code measure report} prints it: a text table (totals by outcome, then by
 * transport and by NAT pairing with a column per outcome and the success rate, then the attempt
 * the successful hole punches succeeded on) or one JSON object with the same numbers.
 */
public final class MeasureReportFormatter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns are at least this wide, so that short tables still line up. */
    static final int MIN_COLUMN = 5;

    private MeasureReportFormatter() {
    }

    /** The report as text, one table after the other, each line ending in a newline. */
    public static String text(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("Hole punches since ").append(r.since()).append(": ").append(r.total())
                .append(", success rate ").append(percent(r.successRate())).append('\n');
        if (r.total() == 0) {
            return out.toString();
        }
        List<String> outcomes = outcomes(r);
        List<List<String>> rows = new ArrayList<>();
        for (String o : outcomes) {
            int n = r.byOutcome().getOrDefault(o, 0);
            rows.add(List.of(o, Integer.toString(n), percent(n / (double) r.total())));
        }
        out.append('\n');
        table(out, List.of("OUTCOME", "COUNT", "SHARE"), rows);
        breakdown(out, "TRANSPORT", r.byTransport(), outcomes);
        breakdown(out, "NAT PAIRING", r.byNatPairing(), outcomes);
        if (!r.successfulAttempt().isEmpty()) {
            List<List<String>> attempts = new ArrayList<>();
            new TreeMap<>(r.successfulAttempt()).forEach((attempt, n) ->
                    attempts.add(List.of(Integer.toString(attempt), Integer.toString(n))));
            out.append('\n');
            table(out, List.of("SUCCEEDED ON ATTEMPT", "COUNT"), attempts);
        }
        return out.toString();
    }

    /** The report as one JSON object: since, total, successRate, byOutcome, byTransport, byNatPairing, successfulAttempt. */
    public static ObjectNode json(Report r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("since", r.since().toString());
        o.put("total", r.total());
        o.put("successRate", r.successRate());
        ObjectNode byOutcome = o.putObject("byOutcome");
        new TreeMap<>(r.byOutcome()).forEach(byOutcome::put);
        nested(o.putObject("byTransport"), r.byTransport());
        nested(o.putObject("byNatPairing"), r.byNatPairing());
        ObjectNode attempts = o.putObject("successfulAttempt");
        new TreeMap<>(r.successfulAttempt()).forEach((k, v) -> attempts.put(Integer.toString(k), v));
        return o;
    }

    private static void nested(ObjectNode into, Map<String, Map<String, Integer>> m) {
        new TreeMap<>(m).forEach((k, counts) -> {
            ObjectNode row = into.putObject(k);
            new TreeMap<>(counts).forEach(row::put);
        });
    }

    /** The outcomes that occur anywhere in the report, in punchr's order, then any others by name. */
    static List<String> outcomes(Report r) {
        Set<String> seen = new java.util.TreeSet<>(r.byOutcome().keySet());
        r.byTransport().values().forEach(m -> seen.addAll(m.keySet()));
        r.byNatPairing().values().forEach(m -> seen.addAll(m.keySet()));
        Set<String> ordered = new LinkedHashSet<>();
        Arrays.stream(HolePunchOutcome.values()).map(Enum::name).filter(seen::contains).forEach(ordered::add);
        ordered.addAll(seen);
        return List.copyOf(ordered);
    }

    private static void breakdown(StringBuilder out, String title, Map<String, Map<String, Integer>> m,
                                  List<String> outcomes) {
        if (m.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>();
        header.add(title);
        header.addAll(outcomes);
        header.add("TOTAL");
        header.add("SUCCESS RATE");
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(m).forEach((key, counts) -> {
            List<String> row = new ArrayList<>();
            row.add(key);
            int total = 0;
            for (String o : outcomes) {
                int n = counts.getOrDefault(o, 0);
                total += n;
                row.add(Integer.toString(n));
            }
            row.add(Integer.toString(total));
            row.add(percent(total == 0 ? 0 : counts.getOrDefault(HolePunchOutcome.SUCCESS.name(), 0) / (double) total));
            rows.add(row);
        });
        out.append('\n');
        table(out, header, rows);
    }

    /** Left-aligned first column, right-aligned numbers, two spaces between columns. */
    private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(MIN_COLUMN, header.get(i).length());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        line(out, header, width);
        rows.forEach(row -> line(out, row, width));
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(i == 0 ? c + pad : pad + c);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
