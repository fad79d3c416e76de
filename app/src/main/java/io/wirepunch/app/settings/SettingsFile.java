package io.wirepunch.app.settings;

import io.wirepunch.core.files.AtomicFiles;
import io.wirepunch.core.files.UserDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code settings.json} in the user's configuration directory. It holds the measurement API key,
 * so it is written private (0600) from its first byte and replaced atomically: a crash leaves the
 * old settings or the new ones, and no reader ever sees the key in a world-readable file.
 */
public final class SettingsFile {
    public static final String NAME = "settings.json";
    /** A settings file is a few hundred bytes; anything this large was not written by the app. */
    static final int MAX_BYTES = 256 * 1024;

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    /** The file in the user's configuration directory ({@link UserDirs#config()}). */
    public static SettingsFile forUser() {
        return new SettingsFile(UserDirs.config().resolve(NAME));
    }

    public Path path() {
        return file;
    }

    /** The saved settings, or the defaults when nothing was saved yet. */
    public AppSettings load() throws IOException {
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SettingsException("(file)", "is larger than " + MAX_BYTES + " bytes").inFile(file);
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return AppSettings.DEFAULTS;
        }
        try {
            return SettingsJson.parse(new String(content, StandardCharsets.UTF_8));
        } catch (SettingsException e) {
            throw e.inFile(file);
        }
    }

    public void save(AppSettings settings) throws IOException {
        Path absolute = file.toAbsolutePath();
        UserDirs.ensurePrivate(absolute.getParent());
        byte[] content = SettingsJson.write(settings).getBytes(StandardCharsets.UTF_8);
        Path temp = POSIX
                ? AtomicFiles.writeTemporary(absolute, content, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : AtomicFiles.writeTemporary(absolute, content);
        try {
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        AtomicFiles.syncDirectory(absolute.getParent());
    }
}
