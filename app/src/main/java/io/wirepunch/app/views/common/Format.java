package io.wirepunch.app.views.common;

import io.wirepunch.core.identity.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How numbers, times and ids read in every view, so the same quantity always reads the same. */
public final class Format {
    /** Enough of a PeerId to tell peers apart at a glance: the multihash prefix is the same for all. */
    static final int SHORT_ID_TAIL = 8;
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Format() {}

    /** {@code …} and the last characters of the id: the start is the same for every Ed25519 key. */
    public static String shortId(PeerId peer) {
        String text = peer.toBase58();
        return text.length() <= SHORT_ID_TAIL ? text : "…" + text.substring(text.length() - SHORT_ID_TAIL);
    }

    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    public static String rtt(Optional<Duration> rtt) {
        return rtt.map(Format::millis).orElse("–");
    }

    public static String millis(Duration d) {
        long micros = d.toNanos() / 1000;
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : (micros / 1000) + " ms";
    }

    /** "4 s ago", "3 min ago", "2 h ago": how long since {@code then}, coarsely. */
    public static String ago(Optional<Instant> then, Instant now) {
        return then.map(t -> span(Duration.between(t, now)) + " ago").orElse("never");
    }

    /** "in 30 s": how long until {@code at}, coarsely. */
    public static String until(Instant at, Instant now) {
        return "in " + span(Duration.between(now, at));
    }

    private static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }

    /** A wall-clock time of day in the user's zone, to the second. */
    public static String timeOfDay(Instant at) {
        return TIME_OF_DAY.format(at.atZone(ZoneId.systemDefault()));
    }

    /** A date and time in the user's zone, to the minute. */
    public static String dateTime(Instant at) {
        return DATE_TIME.format(at.atZone(ZoneId.systemDefault()));
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
