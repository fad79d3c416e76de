package io.wirepunch.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the control API listens: one Unix socket per user, in a directory only that user can
 * enter. {@code $WIREPUNCH_CONTROL} names the socket itself; otherwise it is
 * {@code $XDG_RUNTIME_DIR/wirepunch/control.sock}, or {@code ~/.local/state/wirepunch/control.sock}
 * where that variable is unset.
 */
public final class ControlSocket {
    public static final String ENV = "WIREPUNCH_CONTROL";
    static final String FILE = "control.sock";

    private ControlSocket() {}

    public static Path defaultPath() {
        return pathFor(System.getenv(), Paths.get(System.getProperty("user.home")));
    }

    static Path pathFor(Map<String, String> env, Path home) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Paths.get(runtime, "wirepunch", FILE);
        }
        return home.resolve(".local/state/wirepunch").resolve(FILE);
    }

    /** Whether a node answers at {@code socket}: something accepts a connection there. */
    public static boolean isAnswering(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the socket's directory, readable and enterable by its owner only. */
    static void prepareDirectory(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }
}
