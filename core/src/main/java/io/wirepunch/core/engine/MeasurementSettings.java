package io.wirepunch.core.engine;

import io.wirepunch.core.measure.client.RoundSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * The hole-punch measurement rounds the engine runs while it participates.
 *
 * @param server the punchr-compatible server the results go to; none: the hosts punch the peers
 *     this node met and the results stay in a store on this machine
 * @param hosts how many hosts measure side by side, 1 to {@link RoundSettings#MAX_HOSTS}
 */
public record MeasurementSettings(Optional<Server> server, int hosts) {
    public MeasurementSettings {
        Objects.requireNonNull(server, "server");
        if (hosts < 1 || hosts > RoundSettings.MAX_HOSTS) {
            throw new IllegalArgumentException("measurement hosts must be 1.." + RoundSettings.MAX_HOSTS + ": " + hosts);
        }
    }

    /**
     * A measurement server.
     *
     * @param address {@code host:port}
     * @param apiKey the key the server gave out; never logged
     * @param tls whether the server is reached over TLS
     */
    public record Server(String address, String apiKey, boolean tls) {
        public Server {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(apiKey, "apiKey");
            if (address.isBlank()) {
                throw new IllegalArgumentException("the measurement server is empty");
            }
        }

        @Override
        public String toString() {
            return "Server[address=" + address + ", tls=" + tls + "]";
        }
    }

    public static MeasurementSettings server(String address, String apiKey, int hosts, boolean tls) {
        return new MeasurementSettings(Optional.of(new Server(address, apiKey, tls)), hosts);
    }

    /** Results kept on this machine only. */
    public static MeasurementSettings local(int hosts) {
        return new MeasurementSettings(Optional.empty(), hosts);
    }
}
