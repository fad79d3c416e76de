package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.measure.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMeasurementStoreTest {
    @TempDir
    Path tmp;

    @Test
    void everyStartFilesUnderTheSameKeyWhileTheStoreKnowsIt() throws Exception {
        InMemoryStore store = new InMemoryStore();
        Path file = tmp.resolve(LocalMeasurementStore.KEY_FILE);

        long first = LocalMeasurementStore.authorization(store, file);
        long again = LocalMeasurementStore.authorization(store, file);

        assertThat(again).isEqualTo(first);
        assertThat(store.authorize(Files.readString(file).trim())).hasValue(first);
    }

    @Test
    void aKeyTheStoreDoesNotKnowIsReplaced() throws Exception {
        Path file = tmp.resolve(LocalMeasurementStore.KEY_FILE);
        Files.writeString(file, "not-a-key-of-this-store");
        InMemoryStore store = new InMemoryStore();

        long id = LocalMeasurementStore.authorization(store, file);

        assertThat(store.authorize(Files.readString(file).trim())).hasValue(id);
        assertThat(Files.readString(file)).isNotEqualTo("not-a-key-of-this-store");
    }
}
