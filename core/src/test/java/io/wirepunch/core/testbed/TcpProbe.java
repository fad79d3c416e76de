package io.wirepunch.core.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;

/**
 * A TCP probe for the testbed, run in a namespace as its own JVM so that tests need no nc or python.
 *
 * <pre>
 *   listen PORT                                   prints "listening PORT", then "from IP:PORT" per connection (closed at once)
 *   connect HOST:PORT [--from-port P] [--timeout MS]   prints "ok LOCAL" or "fail timeout|refused|reason"; exit 0 or 1
 *   punch HOST:PORT --from-port P [--for MS]      TCP simultaneous open: connects again and again from the same
 *                                                 local port until connected or out of time, then swaps a line
 *                                                 with the peer; prints "connected LOCAL REMOTE", "peer says ..."
 * </pre>
 */
public final class TcpProbe {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private TcpProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        int code = switch (args[0]) {
            case "listen" -> listen(Integer.parseInt(args[1]));
            case "connect" -> connect(address(args[1]), intOption(args, "--from-port", 0), intOption(args, "--timeout", 1500));
            case "punch" -> punch(address(args[1]), intOption(args, "--from-port", -1), intOption(args, "--for", 6000));
            default -> usage();
        };
        System.exit(code);
    }

    private static int usage() {
        System.err.println("usage: TcpProbe listen PORT | connect HOST:PORT [--from-port P] [--timeout MS]"
                + " | punch HOST:PORT --from-port P [--for MS]");
        System.exit(2);
        return 2;
    }

    private static int listen(int port) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            OUT.println("listening " + server.getLocalPort());
            while (true) {
                try (Socket s = server.accept()) {
                    OUT.println("from " + s.getInetAddress().getHostAddress() + ":" + s.getPort());
                }
            }
        }
    }

    private static Socket socketFrom(int localPort) throws IOException {
        Socket s = new Socket();
        if (localPort > 0) {
            s.setReuseAddress(true);
            s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            s.bind(new InetSocketAddress(localPort));
        }
        return s;
    }

    private static int connect(InetSocketAddress target, int fromPort, int timeoutMs) {
        try (Socket s = socketFrom(fromPort)) {
            s.connect(target, timeoutMs);
            OUT.println("ok " + s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort());
            return 0;
        } catch (IOException e) {
            OUT.println("fail " + reason(e));
            return 1;
        }
    }

    private static int punch(InetSocketAddress peer, int fromPort, int forMs) throws IOException {
        if (fromPort <= 0) {
            return usage();
        }
        long deadline = System.currentTimeMillis() + forMs;
        String last = "no attempt";
        int attempts = 0;
        while (System.currentTimeMillis() < deadline) {
            attempts++;
            Socket s = socketFrom(fromPort);
            try {
                int left = (int) Math.max(100, Math.min(1500, deadline - System.currentTimeMillis()));
                s.connect(peer, left);
            } catch (IOException e) {
                s.close();
                last = reason(e);
                if (!(e instanceof SocketTimeoutException)) {
                    sleep(200); // refused or unreachable: the peer's side is not ready yet
                }
                continue;
            }
            try (s) {
                OUT.println("connected " + s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort() + " "
                        + s.getInetAddress().getHostAddress() + ":" + s.getPort() + " after " + attempts + " attempts");
                s.setSoTimeout(5000);
                PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                w.println("hello from " + fromPort);
                BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = r.readLine();
                OUT.println("peer says " + line);
                s.shutdownOutput();
                return line != null ? 0 : 1;
            } catch (IOException e) {
                OUT.println("fail after connect: " + reason(e));
                return 1;
            }
        }
        OUT.println("fail " + last + " (" + attempts + " attempts)");
        return 1;
    }

    private static String reason(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase().contains("refused")) {
            return "refused";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static int intOption(String[] args, String name, int otherwise) {
        for (int i = 2; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
