package io.wirepunch.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsThenReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("stats.json");

        AtomicFiles.replace(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replace(target, "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("second, longer");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingAnything() {
        Path target = dir.resolve("absent").resolve("stats.json");

        assertThatThrownBy(() -> AtomicFiles.replace(target, new byte[] {1}))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(Files.exists(target.getParent())).isFalse();
    }
}
