package io.wirepunch.core.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipeTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private Host a;
    private Host b;

    @BeforeEach
    void start() throws Exception {
        a = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        b = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Connection connect() throws Exception {
        return a.connect(b.listenAddrs().get(0).withPeerId(b.peerId())).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] random(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** An output that dawdles now and then, as a terminal or a full disk would. */
    private static final class SlowOutput extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int x) {
            bytes.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            if (++writes % 16 == 0) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            bytes.write(buf, off, len);
        }
    }

    @Test
    void tenMebibytesCrossBothWaysByteExactAndEndWithBothFins() throws Exception {
        byte[] fromA = random(10 << 20, 1);
        byte[] fromB = random(10 << 20, 2);
        SlowOutput outA = new SlowOutput();
        SlowOutput outB = new SlowOutput();
        CompletableFuture<Pipe> atB = new CompletableFuture<>();
        new PipeService(b).serve(peer -> peer.equals(a.peerId())
                ? Optional.of(new PipeService.Ends(new ByteArrayInputStream(fromB), outB, atB::complete))
                : Optional.empty());

        Pipe atA = new PipeService(a).open(connect(), new ByteArrayInputStream(fromA), outA)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        atA.done().toCompletableFuture().get(60, TimeUnit.SECONDS);
        atB.get(10, TimeUnit.SECONDS).done().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(outB.bytes.toByteArray()).isEqualTo(fromA);
        assertThat(outA.bytes.toByteArray()).isEqualTo(fromB);
        assertThat(atA.bytesSent()).isEqualTo(fromA.length);
        assertThat(atA.bytesReceived()).isEqualTo(fromB.length);
    }

    @Test
    void anEmptyInputStillEndsCleanly() throws Exception {
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        CompletableFuture<Pipe> atB = new CompletableFuture<>();
        new PipeService(b).serve(peer -> Optional.of(new PipeService.Ends(InputStream.nullInputStream(), outB, atB::complete)));

        Pipe atA = new PipeService(a).open(connect(), InputStream.nullInputStream(), new ByteArrayOutputStream())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        atA.done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        atB.get(10, TimeUnit.SECONDS).done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outB.size()).isZero();
    }

    @Test
    void aPeerThatIsNotAdmittedIsRefused() throws Exception {
        new PipeService(b).serve(peer -> Optional.empty());

        Pipe atA = new PipeService(a).open(connect(), new ByteArrayInputStream(random(1000, 3)), new ByteArrayOutputStream())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> atA.done().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void withoutAServerTheProtocolIsNotOffered() throws Exception {
        assertThatThrownBy(() -> new PipeService(a).open(connect(), InputStream.nullInputStream(), new ByteArrayOutputStream())
                .toCompletableFuture().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aFailingOutputEndsThePipeWithItsError() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                throw new IOException("disk full");
            }
        };
        CompletableFuture<Pipe> atB = new CompletableFuture<>();
        new PipeService(b).serve(peer -> Optional.of(new PipeService.Ends(InputStream.nullInputStream(), broken, atB::complete)));

        new PipeService(a).open(connect(), new ByteArrayInputStream(random(100_000, 4)), new ByteArrayOutputStream())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> atB.get(10, TimeUnit.SECONDS).done().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasRootCauseMessage("disk full");
    }
}
