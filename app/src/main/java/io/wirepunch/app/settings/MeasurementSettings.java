package io.wirepunch.app.settings;

import java.util.Objects;

/**
 * The punchr-compatible measurement server this node reports hole punches to, and the API key it
 * identifies itself with. The key is a secret: {@link #toString()} never shows it, so neither can
 * a log line that prints these settings.
 */
public record MeasurementSettings(String server, String apiKey) {
    public static final MeasurementSettings NONE = new MeasurementSettings("", "");

    public MeasurementSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(apiKey, "apiKey");
        server = server.strip();
        if (!server.isEmpty()) {
            requireHostAndPort(server);
        }
    }

    public boolean configured() {
        return !server.isEmpty();
    }

    @Override
    public String toString() {
        return "MeasurementSettings[server=" + server + ", apiKey=" + (apiKey.isEmpty() ? "none" : "(hidden)") + "]";
    }

    private static void requireHostAndPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new SettingsException("measurement.server", "must be host:port, not \"" + server + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new SettingsException("measurement.server", "has a port that is not a number: \"" + server + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new SettingsException("measurement.server", "has port " + port + ", outside 1 to 65535");
        }
    }
}
