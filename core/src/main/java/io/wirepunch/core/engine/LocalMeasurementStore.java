package io.wirepunch.core.engine;

import io.wirepunch.core.files.AtomicFiles;
import io.wirepunch.core.measure.client.MeasurementRounds;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.MeasurementStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where the measurement results stay when no server is set: the embedded store in the
 * configuration directory, under a key of its own kept beside it (0600), so that every start
 * files its results under the same client.
 */
final class LocalMeasurementStore {
    /** The file of the key the results are kept under. */
    static final String KEY_FILE = "local-key";
    /** The key's name in the store. */
    static final String KEY_NAME = "this node";

    private LocalMeasurementStore() {}

    static MeasurementRounds.LocalStore open(Path dir) throws IOException {
        JdbcMeasurementStore store = JdbcMeasurementStore.openEmbedded(dir);
        try {
            return new MeasurementRounds.LocalStore(store, authorization(store, dir.resolve(KEY_FILE)));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The key in {@code file} while the store knows it; otherwise a new one, written there first. */
    static long authorization(MeasurementStore store, Path file) throws IOException {
        if (Files.exists(file)) {
            OptionalLong known = store.authorize(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (known.isPresent()) {
                return known.getAsLong();
            }
        }
        String key = store.addApiKey(KEY_NAME);
        AtomicFiles.replace(file, key.getBytes(StandardCharsets.US_ASCII));
        return store.authorize(key).orElseThrow();
    }
}
