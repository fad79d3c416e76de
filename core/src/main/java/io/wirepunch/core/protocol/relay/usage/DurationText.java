package io.wirepunch.core.protocol.relay.usage;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the relay configuration writes them: one or more whole numbers, each with a
 * unit of ms, s, m, h or d, largest first: {@code "90s"}, {@code "5m"}, {@code "1h30m"},
 * {@code "30d"}. Wireleap's relay writes the same form (Go's, with d added for days), including
 * its {@code "5m0s"}. A bare {@code "0"} is the zero duration, which some keys read as
 * "unlimited".
 */
public final class DurationText {
    /** Longer than any timeframe or timeout a relay needs; beyond it arithmetic on instants could overflow. */
    public static final Duration MAX = Duration.ofDays(100L * 365);

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    private static final String EXPECTED = "whole numbers with a unit of ms, s, m, h or d, such as \"90s\", \"5m\", \"1h30m\" or \"30d\"";

    private DurationText() {}

    /** The duration {@code text} names; an IllegalArgumentException says what is wrong. */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < text.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException(ByteSize.quote(text) + " is not a duration: expected " + EXPECTED);
            }
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException(ByteSize.quote(text) + " is not a duration: units must go from the largest to the smallest, each once");
            }
            lastUnit = unit;
            total = add(text, total, m.group(1), m.group(2));
            position = m.end();
        }
        if (lastUnit < 0) {
            throw new IllegalArgumentException(ByteSize.quote(text) + " is not a duration: expected " + EXPECTED);
        }
        return total;
    }

    /** The shortest text for {@code duration} in this form: 120 s → "2m", 90 min → "1h30m". */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        if (duration.isZero()) {
            return "0";
        }
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            if (millis >= sizes[i]) {
                text.append(millis / sizes[i]).append(UNITS.get(i));
                millis %= sizes[i];
            }
        }
        return text.toString();
    }

    private static Duration add(String text, Duration total, String number, String unit) {
        try {
            long n = Long.parseLong(number);
            Duration part = switch (unit) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            };
            Duration sum = total.plus(part);
            if (sum.compareTo(MAX) <= 0) {
                return sum;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // too large; reported below
        }
        throw new IllegalArgumentException(ByteSize.quote(text) + " is too long a duration (at most " + format(MAX) + ")");
    }
}
