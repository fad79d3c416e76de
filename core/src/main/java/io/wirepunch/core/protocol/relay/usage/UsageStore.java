package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The files of relay usage accounting: {@code stats.json}, rewritten atomically so that a
 * kill at any moment leaves the previous or the new content, and one archive file per ended
 * period, {@code <archive_dir>/<start>-<end>.json} (see {@link Period#archiveFileName}).
 * Archiving the same period twice writes the same file, so a crash between archiving and
 * rewriting the stats file is harmless.
 */
final class UsageStore {
    /** 4096 peers take about 350 KB; a file far larger was not written here. */
    static final int MAX_STATS_FILE_BYTES = 8 * 1024 * 1024;
    /** Attempts at a free name for a damaged file kept aside (several in one second is already odd). */
    static final int MAX_KEPT_ASIDE_NAMES = 100;

    /** What {@link #load} found. */
    sealed interface Loaded {
        record Absent() implements Loaded {}

        record Found(StatsDocument document) implements Loaded {}

        /** The file could not be read or understood; it was renamed to {@code keptAs}. */
        record Unreadable(Path keptAs, String reason) implements Loaded {}
    }

    private final Path statsFile;
    private final Path archiveDir;

    UsageStore(Path statsFile, Path archiveDir) {
        this.statsFile = statsFile.toAbsolutePath();
        this.archiveDir = archiveDir.toAbsolutePath();
    }

    Path statsFile() {
        return statsFile;
    }

    /**
     * Reads the stats file. A damaged or unreadable one is renamed to
     * {@code stats.json.corrupt-<now>} rather than overwritten, so its counts can still be
     * recovered by hand; only when even that rename fails is an IOException thrown, since
     * going on would overwrite it.
     */
    Loaded load(Instant now) throws IOException {
        String reason;
        try {
            return new Loaded.Found(StatsFormat.decode(read()));
        } catch (NoSuchFileException e) {
            return new Loaded.Absent();
        } catch (IOException e) {
            reason = "cannot be read: " + e;
        } catch (IllegalArgumentException e) {
            reason = e.getMessage();
        }
        try {
            return new Loaded.Unreadable(keepAside(now), reason);
        } catch (IOException e) {
            throw new IOException("stats file " + statsFile + " " + reason + ", and it cannot be moved aside: " + e, e);
        }
    }

    void save(StatsDocument document) throws IOException {
        Files.createDirectories(statsFile.getParent());
        AtomicFiles.replace(statsFile, StatsFormat.encode(document));
    }

    Path archiveFile(Period period) {
        return archiveDir.resolve(period.archiveFileName());
    }

    /** Writes {@code document} as its period's archive file and returns the file. */
    Path archive(StatsDocument document) throws IOException {
        Files.createDirectories(archiveDir);
        Path file = archiveFile(document.period());
        AtomicFiles.replace(file, StatsFormat.encode(document));
        return file;
    }

    private byte[] read() throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(statsFile)) {
            content = in.readNBytes(MAX_STATS_FILE_BYTES + 1);
        }
        if (content.length > MAX_STATS_FILE_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_STATS_FILE_BYTES + " bytes");
        }
        return content;
    }

    private Path keepAside(Instant now) throws IOException {
        String base = statsFile.getFileName() + ".corrupt-" + Period.FILE_TIME.format(now);
        for (int i = 0; i < MAX_KEPT_ASIDE_NAMES; i++) {
            Path aside = statsFile.resolveSibling(i == 0 ? base : base + "-" + i);
            try {
                // without REPLACE_EXISTING the move refuses to overwrite an earlier damaged file
                Files.move(statsFile, aside);
                return aside;
            } catch (FileAlreadyExistsException e) {
                // try the next name
            }
        }
        throw new IOException("no free name like " + base + " after " + MAX_KEPT_ASIDE_NAMES + " attempts");
    }
}
