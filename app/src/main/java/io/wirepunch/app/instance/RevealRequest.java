package io.wirepunch.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The one line a later launch sends ({@code reveal}) and the one the holder answers ({@code ok}). */
final class RevealRequest {
    static final String REVEAL = "reveal";
    static final byte[] OK_LINE = "ok\n".getBytes(StandardCharsets.US_ASCII);
    /** Longer than any request; a peer that sends more is not a launch of this app. */
    static final int MAX_LINE = 64;
    private static final long RETRY_MILLIS = 50;

    private RevealRequest() {}

    /** Asks the holder behind {@code socket} to reveal its window, waiting up to {@code wait} for it to listen. */
    static void send(Path socket, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap((REVEAL + "\n").getBytes(StandardCharsets.US_ASCII)));
                if (!"ok".equals(readLine(channel))) {
                    throw new IOException("the running instance did not confirm the reveal");
                }
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("another instance holds the lock but does not answer on " + socket + ": " + e.getMessage(), e);
                }
                sleep();
            }
        }
    }

    static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
            if (buffer.position() > 0 && buffer.get(buffer.position() - 1) == '\n') {
                break;
            }
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the running instance", e);
        }
    }
}
