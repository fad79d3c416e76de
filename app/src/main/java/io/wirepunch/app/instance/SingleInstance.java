package io.wirepunch.app.instance;

import io.wirepunch.core.files.UserDirs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

/**
 * One running app per user. The first launch holds a lock on {@code app.lock} for its whole life
 * and answers on the Unix socket {@code app.sock} beside it; a later launch finds the lock taken,
 * asks the first over the socket to reveal its window, and exits. The operating system drops the
 * lock when its holder dies, so a crash leaves no lock that blocks the next launch; the socket file
 * it leaves is removed by whoever takes the lock next.
 */
public final class SingleInstance {
    static final String LOCK_FILE = "app.lock";
    static final String SOCKET_FILE = "app.sock";
    /** The holder takes the lock before it binds the socket; a launch in between waits this long for it. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(3);

    private SingleInstance() {}

    /** What a launch found. */
    public sealed interface Claim permits First, Revealed {}

    /** This launch is the first: it holds the lock and answers later launches until closed. */
    public record First(Holder holder) implements Claim {}

    /** Another launch holds the lock and was asked to reveal its window. */
    public record Revealed() implements Claim {}

    /** {@code $XDG_RUNTIME_DIR/wirepunch} when the session has one, else the configuration directory. */
    public static Path runtimeDir(Map<String, String> env, Path configDir) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime, "wirepunch");
        }
        return configDir;
    }

    /** Claims {@code dir} for this launch; {@code onReveal} runs, on the listener thread, when a later launch asks. */
    public static Claim claim(Path dir, Runnable onReveal) throws IOException {
        UserDirs.ensurePrivate(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM, which counts as another instance
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            RevealRequest.send(dir.resolve(SOCKET_FILE), ANSWER_WAIT);
            return new Revealed();
        }
        try {
            return new First(Holder.listen(lockChannel, lock, dir.resolve(SOCKET_FILE), onReveal));
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }
}
