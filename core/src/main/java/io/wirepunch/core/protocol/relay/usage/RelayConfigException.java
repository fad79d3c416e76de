package io.wirepunch.core.protocol.relay.usage;

import java.nio.file.Path;

/**
 * A relay configuration that cannot be used. The message starts with the key's path, such as
 * {@code network_usage.global_limit: "2XB" is not a size …}, so the person who wrote the file
 * knows where to look.
 */
public final class RelayConfigException extends IllegalArgumentException {
    private final String key;

    public RelayConfigException(String key, String problem) {
        this(key, key.isEmpty() ? problem : key + ": " + problem, null);
    }

    private RelayConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The same problem, its message prefixed with the file it was found in. */
    RelayConfigException inFile(Path file) {
        return new RelayConfigException(key, "relay config " + file + ": " + getMessage(), this);
    }

    /** The key's dotted path, such as {@code circuits.max_bytes}; empty when the whole file is at fault. */
    public String key() {
        return key;
    }

    static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new RelayConfigException(key, problem);
        }
    }

    static void requireNonNegative(long value, String key) {
        require(value >= 0, key, "must not be negative, was " + value);
    }

    static void requireAtLeastOne(long value, String key) {
        require(value >= 1, key, "must be at least 1, was " + value);
    }
}
