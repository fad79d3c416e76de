package io.wirepunch.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proof protocol between real nodes on 127.0.0.1: Noise-authenticated connections, Yamux streams. */
class InviteLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final NetworkParams NETWORK = NetworkParams.of("home", "10.77.0.0/16").withWorkbits(4);
    private static final Duration SHORT = Duration.ofMillis(500);

    private final List<Node> nodes = new ArrayList<>();
    private final FakeClock clock = new FakeClock();
    private final List<InviteEvent> events = new CopyOnWriteArrayList<>();
    private Node inviterNode;
    private InviteService service;

    static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private Node start() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)),
                NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF).withPerf(false));
        nodes.add(node);
        get(node.start());
        return node;
    }

    @BeforeEach
    void inviter() throws Exception {
        inviterNode = start();
        service = new InviteService(inviterNode.host(), InviteStore.inMemory(clock), SHORT);
        service.subscribe(events::add);
        service.start();
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        for (Node node : nodes) {
            get(node.stop());
        }
    }

    private static Connection connect(Node from, Invitation invitation) throws Exception {
        return get(from.host().connect(invitation.dialAddrs().get(0)));
    }

    private JoinResult join(Node joiner, Invitation invitation) throws Exception {
        return get(new InviteClient(joiner.host().peerId(), clock).join(connect(joiner, invitation), invitation));
    }

    /** The invitation as the joiner has it: encoded, pasted, parsed. */
    private Invitation issue(Duration ttl) throws Exception {
        Invitation issued = service.issue(NETWORK, ttl);
        return Invitation.parse(issued.encodeGrouped(), clock);
    }

    @Test
    void bothSidesAgreeOnAJoin() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        assertThat(invitation.hints()).isNotEmpty();
        Node joiner = start();
        JoinResult result = join(joiner, invitation);
        assertThat(result).isEqualTo(new JoinResult.Joined(inviterNode.host().peerId(), NETWORK));
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).containsExactly(new InviteEvent.MemberJoined(joiner.host().peerId(), NETWORK));
        IssuedInvitation stored = service.store().find(invitation.id()).orElseThrow();
        assertThat(stored.used()).isTrue();
        assertThat(stored.usedBy()).contains(joiner.host().peerId());
    }

    @Test
    void issuingCapsHintsAndRefusesABadTtlBeforeStoring() throws Exception {
        List<Multiaddr> many = new ArrayList<>();
        many.add(InvitationTest.longestHint(0).encapsulate("/tcp/1"));
        for (int i = 1; i <= Invitation.MAX_HINTS + 2; i++) {
            many.add(Multiaddr.parse("/ip4/192.0.2." + i + "/tcp/4001"));
        }
        List<Multiaddr> hints = InviteService.hintsFrom(many, inviterNode.host());
        assertThat(hints).hasSize(Invitation.MAX_HINTS).doesNotContain(many.get(0));
        assertThatThrownBy(() -> service.issue(NETWORK, Duration.ofDays(365L * 1_000_000_000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.issue(NETWORK, Duration.ofHours(1), many))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(service.store().list()).isEmpty();
    }

    @Test
    void aSecondJoinWithTheSameInvitationIsRefused() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        Node first = start();
        assertThat(join(first, invitation)).isInstanceOf(JoinResult.Joined.class);
        Node second = start();
        assertThat(join(second, invitation)).isEqualTo(JoinResult.Failed.of(JoinFailure.ALREADY_USED));
        assertThat(join(first, invitation)).isEqualTo(JoinResult.Failed.of(JoinFailure.ALREADY_USED));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events.get(1)).isEqualTo(new InviteEvent.JoinRefused(second.host().peerId(), JoinFailure.ALREADY_USED));
    }

    @Test
    void concurrentJoinsWithOneInvitationLetExactlyOneIn() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        List<Node> joiners = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Node joiner = start();
            joiners.add(joiner);
            connections.add(connect(joiner, invitation));
        }
        List<CompletionStage<JoinResult>> joins = new ArrayList<>();
        for (int i = 0; i < joiners.size(); i++) {
            joins.add(new InviteClient(joiners.get(i).host().peerId(), clock).join(connections.get(i), invitation));
        }
        int joined = 0;
        for (CompletionStage<JoinResult> join : joins) {
            JoinResult r = get(join);
            if (r instanceof JoinResult.Joined) {
                joined++;
            } else {
                assertThat(r).isEqualTo(JoinResult.Failed.of(JoinFailure.ALREADY_USED));
            }
        }
        assertThat(joined).isEqualTo(1);
    }

    @Test
    void aPeerGuessingTheSecretIsRefusedAndTheInvitationStaysOpen() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        Node guesser = start();
        Invitation guessed = Invitation.of(invitation.inviter(), InviteCrypto.random(32), invitation.expiresAt(),
                invitation.network(), invitation.hints());
        assertThat(join(guesser, guessed)).isEqualTo(JoinResult.Failed.of(JoinFailure.UNKNOWN_INVITATION));

        // Even knowing the id, a proof without the secret is refused.
        RawStream raw = RawStream.open(connect(guesser, invitation));
        InviteMessage.Challenge challenge = (InviteMessage.Challenge) raw.next();
        assertThat(challenge.nonce()).hasSize(InviteCrypto.NONCE_BYTES);
        raw.send(InviteWireCodec.frame(Unpooled.buffer().alloc(), new InviteMessage.Proof(invitation.id(),
                InviteCrypto.random(32), InviteCrypto.random(32))));
        assertThat(raw.next()).isEqualTo(new InviteMessage.Refused(JoinFailure.WRONG_PROOF));

        assertThat(service.store().find(invitation.id()).orElseThrow().used()).isFalse();
        Node member = start();
        assertThat(join(member, invitation)).isInstanceOf(JoinResult.Joined.class);
        assertThat(events).contains(new InviteEvent.JoinRefused(guesser.host().peerId(), JoinFailure.WRONG_PROOF),
                new InviteEvent.JoinRefused(guesser.host().peerId(), JoinFailure.UNKNOWN_INVITATION));
    }

    @Test
    void anExpiredInvitationIsRefused() throws Exception {
        Invitation invitation = issue(Duration.ofMinutes(10));
        Node joiner = start();
        Connection connection = connect(joiner, invitation);
        clock.advance(Duration.ofMinutes(10));
        // The joiner's clock is behind the inviter's: the inviter refuses.
        Clock behind = Clock.fixed(FakeClock.START, java.time.ZoneOffset.UTC);
        assertThat(get(new InviteClient(joiner.host().peerId(), behind).join(connection, invitation)))
                .isEqualTo(JoinResult.Failed.of(JoinFailure.EXPIRED));
        // The joiner's clock agrees: refused before a stream is opened.
        JoinResult local = get(new InviteClient(joiner.host().peerId(), clock).join(connection, invitation));
        assertThat(local).isInstanceOf(JoinResult.Failed.class);
        assertThat(((JoinResult.Failed) local).reason()).isEqualTo(JoinFailure.EXPIRED);
        assertThat(((JoinResult.Failed) local).sentence()).isEqualTo("that invitation expired at "
                + invitation.expiresAt() + "; ask the inviter for a new one");
    }

    @Test
    void theInvitationSurvivesARestartOfTheInviter() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("invite").resolve("invitations.pb");
        InviteService before = new InviteService(inviterNode.host(), InviteStore.open(file, clock));
        Invitation invitation = before.issue(NETWORK, Duration.ofHours(1));
        service.stop();
        InviteService after = new InviteService(inviterNode.host(), InviteStore.open(file, clock));
        after.start();
        Node joiner = start();
        assertThat(join(joiner, invitation)).isInstanceOf(JoinResult.Joined.class);
        after.stop();
        assertThat(InviteStore.open(file, clock).find(invitation.id()).orElseThrow().used()).isTrue();
    }

    @Test
    void aJoinerRefusesAnInviterThatCannotProveItself() throws Exception {
        Node impostor = start();
        impostor.host().protocols().register(InviteProtocol.ID, stream -> stream.channel().pipeline().addLast(
                new LengthPrefixedFrameDecoder(InviteProtocol.MAX_MESSAGE_BYTES), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Challenge(new byte[32])));
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((ByteBuf) msg).release();
                        ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Accepted(new byte[32], NETWORK)));
                    }
                }));
        Invitation invitation = Invitation.of(impostor.host().peerId(), InviteCrypto.random(32), FakeClock.START.plusSeconds(60),
                NETWORK, impostor.host().listenAddrs());
        Node joiner = start();
        assertThat(join(joiner, invitation)).isEqualTo(JoinResult.Failed.of(JoinFailure.INVITER_NOT_PROVEN));
    }

    @Test
    void aJoinerRefusesAConnectionToAnotherPeer() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        Node other = start();
        Node joiner = start();
        Connection toOther = get(joiner.host().connect(other.host().listenAddrs().get(0).withPeerId(other.host().peerId())));
        JoinResult result = get(new InviteClient(joiner.host().peerId(), clock).join(toOther, invitation));
        assertThat(((JoinResult.Failed) result).reason()).isEqualTo(JoinFailure.WRONG_PEER);
        assertThat(((JoinResult.Failed) result).sentence()).isEqualTo("the connection leads to " + other.host().peerId()
                + ", not to " + invitation.inviter() + ", the inviter the invitation names");
    }

    @Test
    void aSilentInviterTimesOutAndAMissingServiceFailsToOpen() throws Exception {
        Node silent = start();
        silent.host().protocols().register(InviteProtocol.ID, stream -> { });
        Invitation invitation = Invitation.of(silent.host().peerId(), InviteCrypto.random(32), FakeClock.START.plusSeconds(60),
                NETWORK, silent.host().listenAddrs());
        Node joiner = start();
        Connection connection = connect(joiner, invitation);
        JoinResult result = get(new InviteClient(joiner.host().peerId(), clock, SHORT).join(connection, invitation));
        assertThat(((JoinResult.Failed) result).reason()).isEqualTo(JoinFailure.TIMEOUT);
        assertThat(((JoinResult.Failed) result).sentence()).isEqualTo("the inviter did not answer within 0.5 s");

        silent.host().protocols().unregister(InviteProtocol.ID);
        JoinResult unsupported = get(new InviteClient(joiner.host().peerId(), clock).join(connection, invitation));
        assertThat(((JoinResult.Failed) unsupported).reason()).isEqualTo(JoinFailure.STREAM_FAILED);
        assertThat(((JoinResult.Failed) unsupported).sentence()).startsWith("could not open an invitation stream to the inviter: ");
    }

    @Test
    void theInviterResetsASilentJoiner() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        Node joiner = start();
        RawStream raw = RawStream.open(connect(joiner, invitation));
        assertThat(raw.next()).isInstanceOf(InviteMessage.Challenge.class);
        raw.awaitClosed();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains(
                new InviteEvent.JoinRefused(joiner.host().peerId(), JoinFailure.TIMEOUT)));
    }

    @Test
    void theInviterResetsOversizeAndMalformedFrames() throws Exception {
        Invitation invitation = issue(Duration.ofHours(1));
        Node joiner = start();
        Connection connection = connect(joiner, invitation);

        RawStream oversize = RawStream.open(connection);
        oversize.next();
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, InviteProtocol.MAX_MESSAGE_BYTES + 1);
        oversize.send(prefix);
        oversize.awaitClosed();

        RawStream garbage = RawStream.open(connection);
        garbage.next();
        garbage.send(LengthPrefixedFrameDecoder.frame(Unpooled.buffer().alloc(), new byte[] {(byte) 0xff, 0x07, 0x01}));
        garbage.awaitClosed();

        RawStream wrongType = RawStream.open(connection);
        wrongType.next();
        wrongType.send(InviteWireCodec.frame(Unpooled.buffer().alloc(), new InviteMessage.Challenge(new byte[32])));
        wrongType.awaitClosed();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events).containsOnly(new InviteEvent.JoinRefused(joiner.host().peerId(), JoinFailure.BAD_REQUEST));
        assertThat(connection.isOpen()).isTrue();
        assertThat(join(joiner, invitation)).isInstanceOf(JoinResult.Joined.class);
    }

    /** A stream on which the test plays the joiner by hand. */
    static final class RawStream {
        private final Channel channel;
        private final java.util.concurrent.BlockingQueue<InviteMessage> received = new java.util.concurrent.LinkedBlockingQueue<>();

        private RawStream(Channel channel) {
            this.channel = channel;
        }

        static RawStream open(Connection connection) throws Exception {
            RawStream[] holder = new RawStream[1];
            get(connection.newStream(stream -> {
                holder[0] = new RawStream(stream.channel());
                stream.channel().pipeline().addLast(new LengthPrefixedFrameDecoder(InviteProtocol.MAX_MESSAGE_BYTES),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf frame = (ByteBuf) msg;
                                try {
                                    holder[0].received.add(InviteWireCodec.decode(frame));
                                } finally {
                                    frame.release();
                                }
                            }
                        });
            }, InviteProtocol.ID));
            return holder[0];
        }

        InviteMessage next() throws InterruptedException {
            InviteMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }

        void send(ByteBuf bytes) {
            channel.writeAndFlush(bytes);
        }

        void awaitClosed() throws Exception {
            assertThat(channel.closeFuture().await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
        }
    }
}
