package io.wirepunch.core.protocol.relay.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The relay service's configuration file ({@code --relay-config FILE}), JSON with Wireleap's
 * names where they exist:
 *
 * <pre>{@code
 * {"network_usage": {"global_limit": "2TB", "peer_limit": "10GB", "timeframe": "30d",
 *                    "write_interval": "5m", "stats_file": "stats.json", "archive_dir": "archive"},
 *  "reservations": {"max": 128, "max_per_peer": 4, "max_per_ip": 8, "ttl": "1h"},
 *  "circuits": {"max": 64, "max_per_peer": 16, "max_duration": "2m", "max_bytes": "128KB"}}
 * }</pre>
 *
 * Every key is optional and falls back to the default named in its section's record. Sizes are
 * {@link ByteSize} text (or a JSON integer of bytes), durations {@link DurationText}. Unknown or
 * repeated keys are refused rather than ignored: a misspelt limit that silently became the
 * default is the error a relay operator would find last.
 */
public record RelayConfigFile(NetworkUsageConfig networkUsage, ReservationConfig reservations, CircuitConfig circuits) {
    /** Far more than any real configuration; a larger file was not meant as one. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    public static final RelayConfigFile DEFAULTS = new RelayConfigFile(NetworkUsageConfig.DEFAULTS, ReservationConfig.DEFAULTS,
            CircuitConfig.DEFAULTS);

    public RelayConfigFile {
        Objects.requireNonNull(networkUsage, "networkUsage");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(circuits, "circuits");
    }

    /** Parses a configuration's text; a RelayConfigException names the key at fault. */
    public static RelayConfigFile parse(String json) {
        return RelayConfigParser.parse(json);
    }

    /** Reads and parses {@code file}; problems with the content name the file and the key. */
    public static RelayConfigFile read(Path file) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new RelayConfigException("", "relay config " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return parse(new String(content, StandardCharsets.UTF_8));
        } catch (RelayConfigException e) {
            throw e.inFile(file);
        }
    }
}
