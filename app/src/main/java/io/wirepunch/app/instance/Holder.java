package io.wirepunch.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The first launch's hold: the lock, and the socket on which later launches ask for the window. */
public final class Holder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Holder.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path socketFile;
    private final ServerSocketChannel server;
    private final Runnable onReveal;
    private final Thread listener;

    private Holder(FileChannel lockChannel, FileLock lock, Path socketFile, ServerSocketChannel server, Runnable onReveal) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socketFile = socketFile;
        this.server = server;
        this.onReveal = onReveal;
        this.listener = new Thread(this::answer, "wirepunch-instance");
        this.listener.setDaemon(true);
    }

    static Holder listen(FileChannel lockChannel, FileLock lock, Path socketFile, Runnable onReveal) throws IOException {
        // whoever held the lock before us is gone; a socket file it left would make bind fail
        Files.deleteIfExists(socketFile);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(socketFile, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Holder holder = new Holder(lockChannel, lock, socketFile, server, onReveal);
        holder.listener.start();
        return holder;
    }

    private void answer() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                String request = RevealRequest.readLine(client);
                if (RevealRequest.REVEAL.equals(request)) {
                    reveal();
                    client.write(ByteBuffer.wrap(RevealRequest.OK_LINE));
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("a later launch's request failed: {}", e.toString());
            }
        }
    }

    private void reveal() {
        try {
            onReveal.run();
        } catch (RuntimeException e) {
            LOG.warn("revealing the window failed", e);
        }
    }

    /** Stops answering, removes the socket file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
            Files.deleteIfExists(socketFile);
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
