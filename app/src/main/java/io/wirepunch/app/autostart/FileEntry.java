package io.wirepunch.app.autostart;

import io.wirepunch.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An autostart entry that is one file: there when enabled, written whole, removed when disabled. */
abstract class FileEntry implements LaunchAtLogin {
    private final Path file;

    FileEntry(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The entry's whole content. */
    abstract String content();

    @Override
    public boolean isEnabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.replace(file, content().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void disable() throws IOException {
        Files.deleteIfExists(file);
    }
}
