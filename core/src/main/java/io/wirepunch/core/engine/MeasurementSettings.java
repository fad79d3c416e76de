package io.wirepunch.core.engine;

import io.wirepunch.core.measure.client.RoundSettings;
import java.util.Objects;

/**
 * Where the hole-punch measurement rounds report, while the node participates.
 *
 * @param server the punchr-compatible server, {@code host:port}
 * @param apiKey the key the server gave out; never logged
 * @param hosts how many hosts measure side by side, 1 to {@link RoundSettings#MAX_HOSTS}
 * @param tls whether the server is reached over TLS
 */
public record MeasurementSettings(String server, String apiKey, int hosts, boolean tls) {
    public MeasurementSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(apiKey, "apiKey");
        if (server.isBlank()) {
            throw new IllegalArgumentException("the measurement server is empty");
        }
        if (hosts < 1 || hosts > RoundSettings.MAX_HOSTS) {
            throw new IllegalArgumentException("measurement hosts must be 1.." + RoundSettings.MAX_HOSTS + ": " + hosts);
        }
    }

    @Override
    public String toString() {
        return "MeasurementSettings[server=" + server + ", hosts=" + hosts + ", tls=" + tls + "]";
    }
}
