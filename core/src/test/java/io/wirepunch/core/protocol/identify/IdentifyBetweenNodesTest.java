package io.wirepunch.core.protocol.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import io.wirepunch.core.protocol.ping.PingProtocol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identify between two full nodes over loopback TCP: a peer whose identify answer is garbage loses
 * that stream but keeps the connection, and a protocol registered after connecting reaches the other
 * side as an identify push (and so does its removal), also when it changes while the identify of
 * the other side is still under way.
 */
@Timeout(60)
class IdentifyBetweenNodesTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Shorter than {@link IdentifyProtocol#TIMEOUT}: the stream must close because of what it read. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private Node a;
    private Node b;
    private final List<HostEvent> seenByA = new CopyOnWriteArrayList<>();
    private final List<HostEvent> seenByB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        a = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        b = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        a.host().subscribe(seenByA::add);
        b.host().subscribe(seenByB::add);
        a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Multiaddr addrOf(Node n) {
        return n.host().listenAddrs().get(0).withPeerId(n.host().peerId());
    }

    private static List<HostEvent.Identified> identified(List<HostEvent> events, PeerId from, boolean push) {
        return events.stream().filter(e -> e instanceof HostEvent.Identified i && i.peer().equals(from) && i.push() == push)
                .map(HostEvent.Identified.class::cast).toList();
    }

    // --- a peer that answers identify with garbage ---

    /**
     * Makes b answer identify with {@code answer} and keep its side of the stream open; the returned
     * future completes when a has ended the stream (FIN or RST seen by b).
     */
    private CompletableFuture<Void> bAnswersIdentifyWith(Function<io.netty.buffer.ByteBufAllocator, ByteBuf> answer) {
        CompletableFuture<Void> endedByA = new CompletableFuture<>();
        b.host().protocols().register(IdentifyProtocol.ID, stream -> {
            stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                        endedByA.complete(null);
                    }
                    ReferenceCountUtil.release(evt);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    endedByA.complete(null);
                }
            });
            stream.channel().writeAndFlush(answer.apply(stream.channel().alloc()));
        });
        return endedByA;
    }

    private void assertIdentifyStreamEndsAndConnectionStaysUsable(CompletableFuture<Void> endedByA) throws Exception {
        Connection c = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        endedByA.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        // b still identifies a normally: the connection itself is fine.
        await().atMost(WAIT).until(() -> !identified(seenByB, a.host().peerId(), false).isEmpty());
        assertThat(c.isOpen()).isTrue();
        assertThat(a.ping().open(c).toCompletableFuture().get(10, TimeUnit.SECONDS).ping()
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).isPositive();
        assertThat(identified(seenByA, b.host().peerId(), false)).isEmpty();
        assertThat(a.host().peerstore().agentVersion(b.host().peerId())).isEmpty();
        assertThat(a.host().peerstore().protocols(b.host().peerId())).isEmpty();
        assertThat(a.host().connections().size()).isEqualTo(1);
    }

    @Test
    void aFrameThatIsNotProtobufEndsTheStreamNotTheConnection() throws Exception {
        byte[] junk = {0x0A, 100, 'n', 'o', 't', ' ', 'p', 'r', 'o', 't', 'o'};
        assertIdentifyStreamEndsAndConnectionStaysUsable(
                bAnswersIdentifyWith(alloc -> LengthPrefixedFrameDecoder.frame(alloc, junk)));
    }

    @Test
    void anOversizeLengthPrefixEndsTheStreamNotTheConnection() throws Exception {
        assertIdentifyStreamEndsAndConnectionStaysUsable(bAnswersIdentifyWith(alloc -> {
            ByteBuf out = alloc.buffer();
            Varint.write(out, 1L << 30);
            out.writeZero(1024);
            return out;
        }));
    }

    @Test
    void aMalformedLengthPrefixEndsTheStreamNotTheConnection() throws Exception {
        assertIdentifyStreamEndsAndConnectionStaysUsable(
                bAnswersIdentifyWith(alloc -> Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x00, 1})));
    }

    @Test
    void anotherPeersPublicKeyIsNotBelievedAndEndsTheStream() throws Exception {
        byte[] forged = IdentifyProtos.Identify.newBuilder()
                .setAgentVersion("impostor/1.0")
                .addProtocols("/impostor/1.0.0")
                .setPublicKey(ByteString.copyFrom(Keys.generateEd25519().publicKey().marshal()))
                .build().toByteArray();
        assertIdentifyStreamEndsAndConnectionStaysUsable(
                bAnswersIdentifyWith(alloc -> LengthPrefixedFrameDecoder.frame(alloc, forged)));
    }

    // --- identify push ---

    @Test
    void aProtocolRegisteredAfterConnectingIsPushedAndSoIsItsRemoval() throws Exception {
        String added = "/wirepunch/test/late/1.0.0";
        Connection c = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !identified(seenByA, b.host().peerId(), false).isEmpty()
                && !identified(seenByB, a.host().peerId(), false).isEmpty());
        assertThat(a.host().peerstore().protocols(b.host().peerId())).doesNotContain(added);

        b.host().protocols().register(added, stream -> stream.channel().close());

        await().atMost(WAIT).until(() -> identified(seenByA, b.host().peerId(), true).stream()
                .anyMatch(i -> i.protocols().contains(added)));
        HostEvent.Identified push = identified(seenByA, b.host().peerId(), true).get(0);
        assertThat(push.protocols()).contains(added, IdentifyProtocol.ID, IdentifyProtocol.PUSH_ID, PingProtocol.ID);
        assertThat(push.listenAddrs()).contains(b.host().listenAddrs().get(0));
        assertThat(a.host().peerstore().protocols(b.host().peerId())).contains(added);
        // Nothing changed on a, so b received no push.
        assertThat(identified(seenByB, a.host().peerId(), true)).isEmpty();

        b.host().protocols().unregister(added);
        await().atMost(WAIT).until(() -> !a.host().peerstore().protocols(b.host().peerId()).contains(added));
        assertThat(a.host().peerstore().protocols(b.host().peerId())).contains(PingProtocol.ID);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void anAddressThatChangesWhileWeStillIdentifyThePeerReachesItOnceWeKnowItTakesPushes() throws Exception {
        // b holds back its identify answer, so a does not yet know that b takes pushes.
        CountDownLatch answer = new CountDownLatch(1);
        b.host().protocols().register(IdentifyProtocol.ID, stream -> new Thread(() -> {
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = b.identify().ourInfo(stream.connection()).toProto().toByteArray();
            stream.channel().writeAndFlush(LengthPrefixedFrameDecoder.frame(stream.channel().alloc(), body))
                    .addListener(f -> stream.channel().close());
        }).start());
        a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !identified(seenByB, a.host().peerId(), false).isEmpty());
        Multiaddr added = Multiaddr.parse("/ip4/100.64.7.9/tcp/4001");
        assertThat(identified(seenByB, a.host().peerId(), false).get(0).listenAddrs()).doesNotContain(added);

        a.host().addAddressSource(() -> List.of(added));
        answer.countDown();

        await().atMost(WAIT).until(() -> identified(seenByB, a.host().peerId(), true).stream()
                .anyMatch(i -> i.listenAddrs().contains(added)));
        assertThat(b.host().peerstore().addrs(a.host().peerId())).contains(added);
    }
}
