package io.wirepunch.core.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardRequest;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse.Status;
import io.wirepunch.core.multiformats.Varint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ForwardRefusalTest {
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private ForwardHosts hosts;
    private EchoServer echo;
    private ForwardService atA;
    private ForwardService atB;

    @BeforeEach
    void start() throws Exception {
        hosts = new ForwardHosts();
        echo = new EchoServer();
        atA = new ForwardService(hosts.a, peer -> false, SHORT_TIMEOUT);
        atB = new ForwardService(hosts.b, peer -> peer.equals(hosts.a.peerId()), SHORT_TIMEOUT);
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

    private LocalForward forward(int remotePort) throws Exception {
        return atA.forward(0, hosts.b.peerId(), remotePort).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Connects to the forward and waits until the connection is closed; returns what arrived. */
    private static byte[] connectAndRead(LocalForward f) throws Exception {
        try (Socket s = new Socket(f.localAddress().getAddress(), f.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            return ForwardLoopbackTest.readUntilClosed(s);
        }
    }

    private ForwardResponse ask(int port) throws Exception {
        RawStream raw = RawStream.open(hosts.aToB);
        raw.sendRequest(port);
        return raw.response();
    }

    private static byte[] varint(long value) {
        return Varint.encode(value);
    }

    @Test
    void aPortThatIsNotExposedIsRefusedAndTheLocalConnectionClosed() throws Exception {
        LocalForward f = forward(echo.port());

        assertThat(connectAndRead(f)).isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(f.failedConnections()).isEqualTo(1);
            assertThat(f.lastError()).contains("NOT_EXPOSED");
        });
        assertThat(echo.accepted.get()).isZero();
        assertThat(ask(echo.port()).getStatus()).isEqualTo(Status.NOT_EXPOSED);
    }

    @Test
    void aPeerThatIsNotAdmittedIsRefused() throws Exception {
        ForwardService strict = new ForwardService(hosts.b, peer -> false);
        atB.stop();
        strict.start();
        try {
            strict.expose(echo.port());
            LocalForward f = forward(echo.port());

            assertThat(connectAndRead(f)).isEmpty();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.lastError()).contains("REFUSED"));
            assertThat(ask(echo.port()).getStatus()).isEqualTo(Status.REFUSED);
            assertThat(echo.accepted.get()).isZero();
        } finally {
            strict.stop();
        }
    }

    @Test
    void aClosedPortFailsToConnect() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        atB.expose(closed);
        LocalForward f = forward(closed);

        assertThat(connectAndRead(f)).isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.lastError()).contains("CONNECT_FAILED"));
        ForwardResponse answer = ask(closed);
        assertThat(answer.getStatus()).isEqualTo(Status.CONNECT_FAILED);
        assertThat(answer.getText()).contains(String.valueOf(closed));
    }

    @Test
    void portsOutsideTheRangeAreRefusedOnBothSides() throws Exception {
        for (int port : new int[] {0, ForwardProtocol.MAX_PORT + 1, 70000}) {
            assertThat(ask(port).getStatus()).isEqualTo(Status.BAD_REQUEST);
            assertThatThrownBy(() -> atA.forward(0, hosts.b.peerId(), port).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> atB.expose(port)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside 1..65535");
        }
        assertThat(ask(ForwardProtocol.MAX_PORT).getStatus()).isEqualTo(Status.NOT_EXPOSED);
        assertThat(atA.forwards()).isEmpty();
        assertThat(echo.accepted.get()).isZero();
    }

    /** A request of exactly {@code size} bytes for {@code port}, padded with an unknown field. */
    private static byte[] requestOfSize(int port, int size) {
        for (int pad = 0; pad < size; pad++) {
            byte[] body = ForwardRequest.newBuilder().setPort(port)
                    .setUnknownFields(UnknownFieldSet.newBuilder().addField(15, UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFrom(new byte[pad])).build()).build())
                    .build().toByteArray();
            if (body.length == size) {
                return body;
            }
        }
        throw new AssertionError("no padding gives " + size + " bytes");
    }

    @Test
    void aRequestOfTheMaximumSizeIsReadAndALongerPrefixResets() throws Exception {
        byte[] largest = requestOfSize(echo.port(), ForwardProtocol.MAX_REQUEST_BYTES);
        RawStream ok = RawStream.open(hosts.aToB);
        ok.send(varint(largest.length));
        ok.send(largest);
        assertThat(ok.response().getStatus()).isEqualTo(Status.NOT_EXPOSED);

        RawStream tooLong = RawStream.open(hosts.aToB);
        tooLong.send(varint(ForwardProtocol.MAX_REQUEST_BYTES + 1));

        assertThat(tooLong.closedWithReset.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tooLong.received()).isEmpty();
    }

    @Test
    void garbageIsRefusedWithAReset() throws Exception {
        List<byte[]> inputs = List.of(
                new byte[] {5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // not protobuf
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}); // endless varint
        for (byte[] input : inputs) {
            RawStream raw = RawStream.open(hosts.aToB);
            raw.send(input);

            assertThat(raw.closedWithReset.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(raw.received()).isEmpty();
        }
    }

    @Test
    void aTruncatedPrefixThenFinIsReset() throws Exception {
        RawStream raw = RawStream.open(hosts.aToB);
        raw.send(new byte[] {(byte) 0x81});
        raw.finish();

        assertThat(raw.closedWithReset.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void bytesBeforeTheAnswerReset() throws Exception {
        atB.expose(echo.port());
        RawStream raw = RawStream.open(hosts.aToB);
        ByteBuf request = ForwardWire.request(ByteBufAllocator.DEFAULT, echo.port());
        byte[] withExtra = new byte[request.readableBytes() + 3];
        request.readBytes(withExtra, 0, request.readableBytes());
        request.release();
        raw.send(withExtra);

        assertThat(raw.closedWithReset.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(raw.received()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(echo.open()).isZero());
    }

    @Test
    void aStreamThatSendsNothingIsResetAfterTheTimeout() throws Exception {
        RawStream raw = RawStream.open(hosts.aToB);
        long start = System.nanoTime();

        assertThat(raw.closedWithReset.get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_TIMEOUT.minusMillis(50));
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void theDefaultTimeoutIsTheNamedOne() {
        assertThat(new ForwardService(hosts.b, peer -> true).timeout()).isEqualTo(ForwardProtocol.REQUEST_TIMEOUT);
    }

    @Test
    void onePeerMayHoldOnlyTheMaximumOfForwards() throws Exception {
        atB.expose(echo.port());
        List<RawStream> held = new ArrayList<>();
        for (int i = 0; i < ForwardProtocol.MAX_FORWARDS_PER_PEER; i++) {
            RawStream raw = RawStream.open(hosts.aToB);
            raw.sendRequest(echo.port());
            held.add(raw);
        }
        for (RawStream raw : held) {
            assertThat(raw.response().getStatus()).isEqualTo(Status.OK);
        }

        ForwardResponse over = ask(echo.port());

        assertThat(over.getStatus()).isEqualTo(Status.REFUSED);
        assertThat(over.getText()).contains(String.valueOf(ForwardProtocol.MAX_FORWARDS_PER_PEER));
        held.get(0).reset();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(atB.inboundConnections()).isEqualTo(ForwardProtocol.MAX_FORWARDS_PER_PEER - 1));
        assertThat(ask(echo.port()).getStatus()).isEqualTo(Status.OK);
    }

    /** B answers forward streams with {@code answer} once anything arrives, and nothing else. */
    private void answerWith(byte[] answer) {
        atB.stop();
        hosts.b.protocols().register(ForwardProtocol.ID, s -> {
            s.channel().pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                    ((ByteBuf) msg).release();
                    if (answer.length > 0) {
                        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(answer));
                    }
                }
            });
            s.channel().config().setAutoRead(true);
        });
    }

    private static byte[] answer(Status status, String text) {
        byte[] body = ForwardResponse.newBuilder().setStatus(status).setText(text).build().toByteArray();
        byte[] prefix = varint(body.length);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    @Test
    void noAnswerWithinTheTimeoutClosesTheLocalConnection() throws Exception {
        answerWith(new byte[0]);
        LocalForward f = forward(echo.port());
        long start = System.nanoTime();

        assertThat(connectAndRead(f)).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_TIMEOUT.minusMillis(50));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.lastError()).contains("no answer"));
    }

    @Test
    void anAnswerOfTheMaximumSizeIsReadAndALongerOneRefused() throws Exception {
        String text = "x".repeat(ForwardProtocol.MAX_RESPONSE_BYTES - 5);
        byte[] largest = answer(Status.NOT_EXPOSED, text);
        assertThat(largest.length - varint(ForwardProtocol.MAX_RESPONSE_BYTES).length)
                .isEqualTo(ForwardProtocol.MAX_RESPONSE_BYTES);
        answerWith(largest);
        LocalForward f = forward(echo.port());
        assertThat(connectAndRead(f)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.lastError()).contains("NOT_EXPOSED: " + text));

        answerWith(answer(Status.NOT_EXPOSED, text + "x"));
        assertThat(connectAndRead(f)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(f.failedConnections()).isEqualTo(2);
            assertThat(f.lastError()).contains("refused").doesNotContain(text);
        });
    }

    @Test
    void anAnswerWithoutAKnownStatusIsRefused() throws Exception {
        answerWith(answer(Status.STATUS_UNSPECIFIED, "hm"));
        LocalForward f = forward(echo.port());

        assertThat(connectAndRead(f)).isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.lastError()).contains("no known status"));
    }

    @Test
    void theLeakWatchSeesALeak() throws Exception {
        ByteBufAllocator.DEFAULT.buffer(16).writeByte(1);
        assertThat(hosts.leakReports()).isNotEmpty();
        hosts.clearLeakReports();
    }
}
