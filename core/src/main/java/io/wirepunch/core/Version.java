package io.wirepunch.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build carries, filtered in from the Maven project. */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    public static String version() {
        return VERSION;
    }

    /** The agent string that identify announces. */
    public static String agent() {
        return "wirepunch/" + VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
