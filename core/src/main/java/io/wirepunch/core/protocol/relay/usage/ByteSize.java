package io.wirepunch.core.protocol.relay.usage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as the relay configuration writes them: {@code "512"}, {@code "512B"},
 * {@code "128KB"}, {@code "10GB"}, {@code "2TB"}. KB, MB, GB and TB are powers of 1024, as in
 * Wireleap's relay configuration; the binary spellings KiB … TiB mean the same, and units are
 * read without regard to case. Only whole numbers: a fraction of a kilobyte is rarely meant and
 * would have to be rounded somewhere.
 */
public final class ByteSize {
    public static final long KB = 1024;
    public static final long MB = 1024 * KB;
    public static final long GB = 1024 * MB;
    public static final long TB = 1024 * GB;

    private static final Pattern FORM = Pattern.compile("(\\d+) ?([A-Za-z]*)");
    private static final String EXPECTED = "a whole number of bytes, optionally followed by B, KB, MB, GB or TB (powers of 1024)";

    private ByteSize() {}

    /** The number of bytes {@code text} names; an IllegalArgumentException says what is wrong. */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(quote(text) + " is not a size: expected " + EXPECTED);
        }
        long unit = unit(m.group(2));
        if (unit == 0) {
            throw new IllegalArgumentException(quote(text) + " is not a size: unknown unit \"" + m.group(2) + "\", expected " + EXPECTED);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(quote(text) + " is too large a size (at most " + Long.MAX_VALUE + " bytes)");
        }
    }

    /** The shortest exact text for {@code bytes}: 131072 → "128KB", 1000 → "1000B". */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
        long[] units = {TB, GB, MB, KB};
        String[] names = {"TB", "GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + names[i];
            }
        }
        return bytes + "B";
    }

    private static long unit(String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "":
            case "B":
                return 1;
            case "KB":
            case "KIB":
                return KB;
            case "MB":
            case "MIB":
                return MB;
            case "GB":
            case "GIB":
                return GB;
            case "TB":
            case "TIB":
                return TB;
            default:
                return 0;
        }
    }

    static String quote(String text) {
        return '"' + text + '"';
    }
}
