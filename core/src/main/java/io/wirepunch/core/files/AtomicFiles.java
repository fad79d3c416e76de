package io.wirepunch.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that a crash, even a SIGKILL or a power cut, leaves either the old content or
 * the new one, never a mix: the bytes go to a temporary file in the target's directory (a rename
 * is atomic only within one file system), are forced to disk, and the file is renamed over the
 * target; the directory is then forced so the rename itself survives.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {}

    /** Replaces {@code target} (or creates it) with {@code content}, atomically and durably. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = writeTemporary(absolute, content);
        try {
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(absolute.getParent());
    }

    /**
     * Writes {@code content} to a new hidden temporary file beside {@code target}, created with
     * {@code attributes} (so a key is private from its first byte), and forces it to disk. The
     * caller moves it into place and deletes it when that fails.
     */
    public static Path writeTemporary(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp", attributes);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Makes a rename in {@code dir} durable; some platforms cannot open a directory, and there it is skipped. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not fsync directory {}: {}", dir, e.toString());
        }
    }
}
