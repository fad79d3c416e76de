package io.wirepunch.core.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ForwardLoopbackTest {
    private ForwardHosts hosts;
    private EchoServer echo;
    private ForwardService atA;
    private ForwardService atB;

    @BeforeEach
    void start() throws Exception {
        hosts = new ForwardHosts();
        echo = new EchoServer();
        atA = new ForwardService(hosts.a, peer -> false);
        atB = new ForwardService(hosts.b, peer -> peer.equals(hosts.a.peerId()));
        atA.start();
        atB.start();
    }

    @AfterEach
    void stop() throws Exception {
        atA.stop();
        atB.stop();
        echo.close();
        hosts.close();
        assertThat(hosts.leakReports()).isEmpty();
    }

    private LocalForward forwardToEcho() throws Exception {
        atB.expose(echo.port());
        return atA.forward(0, hosts.b.peerId(), echo.port()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Socket connect(LocalForward f) throws IOException {
        Socket s = new Socket(f.localAddress().getAddress(), f.localAddress().getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    private static byte[] random(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** Writes {@code data} on another thread, then half-closes; returns everything read until EOF. */
    private static byte[] roundTrip(Socket s, byte[] data) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                s.getOutputStream().write(data);
                s.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] got = s.getInputStream().readAllBytes();
        sent.get(30, TimeUnit.SECONDS);
        return got;
    }

    private static byte[] echoed(byte[] data) {
        byte[] out = Arrays.copyOf(data, data.length + EchoServer.AFTER_EOF.length);
        System.arraycopy(EchoServer.AFTER_EOF, 0, out, data.length, EchoServer.AFTER_EOF.length);
        return out;
    }

    @Test
    void eightMebibytesComeBackByteExactAndTheReplyAfterEofArrives() throws Exception {
        LocalForward f = forwardToEcho();
        byte[] data = random(8 << 20, 1);

        try (Socket s = connect(f)) {
            byte[] got = roundTrip(s, data);

            assertThat(got.length).isEqualTo(data.length + EchoServer.AFTER_EOF.length);
            assertThat(got).isEqualTo(echoed(data));
        }
        assertThat(echo.sawEof.get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(f.activeConnections()).isZero();
            assertThat(atB.inboundConnections()).isZero();
        });
        assertThat(f.bytesSent()).isEqualTo(data.length);
        assertThat(f.bytesReceived()).isEqualTo(data.length + EchoServer.AFTER_EOF.length);
        assertThat(f.acceptedConnections()).isEqualTo(1);
        assertThat(f.failedConnections()).isZero();
    }

    @Test
    void theServerHearsEofBeforeTheClientStopsReading() throws Exception {
        LocalForward f = forwardToEcho();
        try (Socket s = connect(f)) {
            s.getOutputStream().write("hello".getBytes());
            s.shutdownOutput();
            InputStream in = s.getInputStream();

            assertThat(in.readNBytes(5)).isEqualTo("hello".getBytes());
            assertThat(in.readNBytes(EchoServer.AFTER_EOF.length)).isEqualTo(EchoServer.AFTER_EOF);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void severalConnectionsShareOneForward() throws Exception {
        LocalForward f = forwardToEcho();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] data = random(256 * 1024 + i, 10 + i);
                results.add(pool.submit(() -> {
                    try (Socket s = connect(f)) {
                        return Arrays.equals(roundTrip(s, data), echoed(data));
                    }
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(echo.accepted.get()).isEqualTo(8);
        assertThat(f.acceptedConnections()).isEqualTo(8);
    }

    @Test
    void aForwardNeedsAStartedService() throws Exception {
        ForwardService stopped = new ForwardService(hosts.a, peer -> false);
        assertThatThrownBy(() -> stopped.forward(0, hosts.b.peerId(), 22).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        atB.stop();
        atB.start();
        assertThat(hosts.b.protocols().test(ForwardProtocol.ID)).isTrue();
    }

    @Test
    void aForwardCanBindAChosenAddress() throws Exception {
        atB.expose(echo.port());
        LocalForward f = atA.forward(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), hosts.b.peerId(),
                echo.port()).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(f.localAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(atA.forwards()).containsExactly(f);
        try (Socket s = connect(f)) {
            assertThat(roundTrip(s, "x".getBytes())).isEqualTo(echoed("x".getBytes()));
        }
    }

    @Test
    void unexposeClosesOpenConnectionsAndRefusesNewOnes() throws Exception {
        LocalForward f = forwardToEcho();
        try (Socket s = connect(f)) {
            s.getOutputStream().write("ping".getBytes());
            assertThat(s.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());

            assertThat(atB.unexpose(echo.port())).isTrue();

            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(atB.exposed()).isEmpty();
        try (Socket s = connect(f)) {
            assertThat(readUntilClosed(s)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(f.lastError()).contains("NOT_EXPOSED");
            assertThat(atB.inboundConnections()).isZero();
        });
    }

    @Test
    void aResetLocalConnectionClosesTheTargetConnection() throws Exception {
        LocalForward f = forwardToEcho();
        Socket s = connect(f);
        s.getOutputStream().write("ping".getBytes());
        assertThat(s.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());
        assertThat(echo.open()).isEqualTo(1);

        s.setSoLinger(true, 0);
        s.close();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(echo.open()).isZero();
            assertThat(atB.inboundConnections()).isZero();
            assertThat(f.activeConnections()).isZero();
        });
        assertThat(echo.sawEof.get()).isZero();
    }

    @Test
    void closingAForwardStopsListeningAndClosesItsConnections() throws Exception {
        LocalForward f = forwardToEcho();
        try (Socket s = connect(f)) {
            s.getOutputStream().write("ping".getBytes());
            assertThat(s.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());

            f.close();

            assertThat(readUntilClosed(s)).isEmpty();
        }
        assertThat(f.isOpen()).isFalse();
        assertThat(atA.forwards()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(atB.inboundConnections()).isZero());
    }

    @Test
    void stopClosesForwardsListenersAndServedConnections() throws Exception {
        LocalForward f = forwardToEcho();
        try (Socket s = connect(f)) {
            s.getOutputStream().write("ping".getBytes());
            assertThat(s.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes());

            atB.stop();

            assertThat(readUntilClosed(s)).isEmpty();
        }
        assertThat(hosts.b.protocols().test(ForwardProtocol.ID)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> echo.open() == 0);

        atA.stop();
        assertThat(f.isOpen()).isFalse();
        assertThat(atA.forwards()).isEmpty();
    }

    @Test
    void aTargetThatDoesNotReadHoldsTheSenderBackWithoutBreakingTheConnection() throws Exception {
        try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            atB.expose(sink.getLocalPort());
            LocalForward f = atA.forward(0, hosts.b.peerId(), sink.getLocalPort()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long total = 96L << 20;
            AtomicLong written = new AtomicLong();
            try (Socket s = connect(f); Socket accepted = sink.accept()) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        while (written.get() < total) {
                            s.getOutputStream().write(chunk);
                            written.addAndGet(chunk.length);
                        }
                        s.shutdownOutput();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                long last = -1;
                while (written.get() != last) {
                    last = written.get();
                    Thread.sleep(1000);
                }

                // Stalled well before the end: socket buffers, a Yamux window and write buffers hold the rest.
                assertThat(written.get()).isLessThan(48L << 20);
                accepted.setSoTimeout(30_000);
                assertThat(accepted.getInputStream().transferTo(OutputStream.nullOutputStream())).isEqualTo(total);
                writer.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads until the socket ends, by FIN or reset; returns what came. */
    static byte[] readUntilClosed(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            s.getInputStream().transferTo(out);
        } catch (SocketException e) {
            // reset: closed as well
        }
        return out.toByteArray();
    }
}
