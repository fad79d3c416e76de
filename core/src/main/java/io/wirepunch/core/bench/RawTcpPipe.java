package io.wirepunch.core.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Raw TCP between stdin and stdout, the baseline of {@code bench pipe}: {@code listen PORT} accepts one
 * connection and copies it to stdout (after saying {@value #READY} PORT on stderr); {@code connect HOST
 * PORT} copies stdin to a connection and half-closes it at the end. Its own JVM, as {@code 0nc} is, so
 * that the two are read from the receiver's stdout in the same way.
 */
public final class RawTcpPipe {
    /** What the listening end prints on stderr once it accepts. */
    static final String READY = "listening";
    private static final int BUFFER = 64 * 1024;
    private static final int USAGE = 2;

    private RawTcpPipe() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && "listen".equals(args[0])) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(Integer.parseInt(args[1])));
                System.err.println(READY + " " + server.getLocalPort());
                System.err.flush();
                try (Socket s = server.accept(); OutputStream out = new FileOutputStream(FileDescriptor.out)) {
                    copy(s.getInputStream(), out);
                }
            }
        } else if (args.length == 3 && "connect".equals(args[0])) {
            try (Socket s = new Socket(args[1], Integer.parseInt(args[2]))) {
                copy(new FileInputStream(FileDescriptor.in), s.getOutputStream());
                s.shutdownOutput();
                // the receiver closes once it has read everything
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
        } else {
            System.err.println("usage: RawTcpPipe listen PORT | connect HOST PORT");
            System.exit(USAGE);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        out.flush();
    }
}
