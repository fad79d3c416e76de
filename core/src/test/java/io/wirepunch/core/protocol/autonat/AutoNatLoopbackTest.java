package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.dns.MultiaddrResolver;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.ConnectionLimits;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.NatEvent;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.ReachabilityTracker;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import io.wirepunch.core.protocol.identify.IdentifyService;
import io.wirepunch.core.testutil.FakeClock;
import io.wirepunch.core.upgrade.yamux.YamuxConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AutoNAT between hosts on 127.0.0.1, with loopback declared public for the test: servers dial
 * clients back, reachability follows; other IPs, floods and garbage are refused.
 */
class AutoNatLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final AutoNatConfig TESTBED = AutoNatConfig.defaults()
            .withPublicRanges(PublicRanges.parse("127.0.0.0/8")).forSingleHost();
    private static final AutoNatConfig SERVER = TESTBED.withProbe(false);
    private static final AutoNatConfig CLIENT = TESTBED.withServe(false);

    private final FakeClock clock = new FakeClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<Peer> peers = new ArrayList<>();

    private record Peer(Host host, AutoNatService autonat) {
        Multiaddr addr() {
            return host.listenAddrs().get(0).withPeerId(host.peerId());
        }
    }

    private Peer start(AutoNatConfig config, Function<Connection, List<Multiaddr>> candidates) throws Exception {
        Host host = new Host(new HostConfig(Keys.generateEd25519(), List.of(LOOPBACK), ConnectionLimits.defaults(),
                YamuxConfig.defaults(), clock, false, MultiaddrResolver.system()));
        new IdentifyService(host).start();
        AutoNatService autonat = new AutoNatService(host, config, clock, scheduler, candidates);
        autonat.start();
        host.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Peer p = new Peer(host, autonat);
        peers.add(p);
        return p;
    }

    private Peer start(AutoNatConfig config) throws Exception {
        return start(config, null);
    }

    @AfterEach
    void stop() throws Exception {
        for (Peer p : peers) {
            p.autonat().stop();
            p.host().stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Connects and waits until identify has told the client that the server speaks AutoNAT. */
    private static Connection connect(Peer client, Peer server) throws Exception {
        Connection c = client.host().connect(server.addr()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.host().peerstore().protocols(server.host().peerId()).contains(AutoNatProtocol.ID));
        return c;
    }

    private static List<ProbeResult> probe(Peer client) throws Exception {
        return client.autonat().probeNow().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void serversDialTheClientBackOnANewConnectionAndItBecomesPublic() throws Exception {
        Peer s1 = start(SERVER);
        Peer s2 = start(SERVER);
        Peer client = start(CLIENT);
        List<NatEvent> events = new CopyOnWriteArrayList<>();
        client.autonat().subscribe(events::add);
        AtomicInteger s1Connections = new AtomicInteger();
        s1.host().subscribe(e -> {
            if (e instanceof HostEvent.Connected c && c.connection().remotePeer().equals(client.host().peerId())) {
                s1Connections.incrementAndGet();
            }
        });
        Connection toS1 = connect(client, s1);
        connect(client, s2);

        List<ProbeResult> results = probe(client);
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).contains(ResponseStatus.OK);
            assertThat(r.reached()).contains(client.host().listenAddrs().get(0));
            assertThat(r.asked()).contains(client.host().listenAddrs().get(0));
            assertThat(r.verdict()).contains(Reachability.PUBLIC);
        });
        ReachabilitySnapshot snap = client.autonat().snapshot();
        assertThat(snap.reachability()).isEqualTo(Reachability.PUBLIC);
        assertThat(snap.confidence()).isEqualTo(1);
        assertThat(snap.lastProbes()).hasSize(2);
        assertThat(events).contains(new NatEvent.ReachabilityChanged(Reachability.UNKNOWN, Reachability.PUBLIC, 0));

        // s1 reached the client on a second connection, closed it, and the first one stays.
        assertThat(s1Connections).hasValue(2);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                s1.host().connections().connections(client.host().peerId()).size() == 1);
        assertThat(toS1.isOpen()).isTrue();
    }

    @Test
    void roundsFollowTheScheduleWithoutSleeping() throws Exception {
        Peer server = start(SERVER);
        Peer client = start(CLIENT);
        connect(client, server);
        ProbeSchedule schedule = ProbeSchedule.defaults();
        Instant started = clock.instant();
        assertThat(client.autonat().snapshot().nextProbeAt()).contains(started.plus(schedule.bootDelay()));

        for (int round = 1; round <= ReachabilityTracker.MAX_CONFIDENCE + 1; round++) {
            Instant due = client.autonat().snapshot().nextProbeAt().orElseThrow();
            scheduler.runUntil(due);
            int expected = round;
            await().atMost(Duration.ofSeconds(20)).until(() -> client.autonat().snapshot().lastProbes().size() == expected
                    && client.autonat().snapshot().nextProbeAt().isPresent());
            ReachabilitySnapshot snap = client.autonat().snapshot();
            assertThat(snap.reachability()).isEqualTo(Reachability.PUBLIC);
            assertThat(snap.confidence()).isEqualTo(round - 1);
            Duration wait = round - 1 < ReachabilityTracker.MAX_CONFIDENCE ? schedule.retryInterval() : schedule.refreshInterval();
            assertThat(snap.nextProbeAt()).contains(clock.instant().plus(wait));
        }
    }

    @Test
    void aClosedPortIsADialErrorAndTurnsPublicToPrivateOnceTheConfidenceIsSpent() throws Exception {
        AtomicReference<List<Multiaddr>> asked = new AtomicReference<>();
        Peer server = start(SERVER);
        Peer client = start(CLIENT, c -> asked.get());
        asked.set(client.host().listenAddrs());
        connect(client, server);
        Duration retry = ProbeSchedule.defaults().retryInterval();
        for (int i = 0; i <= ReachabilityTracker.MAX_CONFIDENCE; i++) {
            assertThat(probe(client)).singleElement().satisfies(r -> assertThat(r.status()).contains(ResponseStatus.OK));
            scheduler.runUntil(clock.instant().plus(retry));
        }
        assertThat(client.autonat().snapshot().confidence()).isEqualTo(ReachabilityTracker.MAX_CONFIDENCE);

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        asked.set(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closed)));
        for (int i = ReachabilityTracker.MAX_CONFIDENCE - 1; i >= 0; i--) {
            assertThat(probe(client)).singleElement().satisfies(r -> {
                assertThat(r.status()).contains(ResponseStatus.E_DIAL_ERROR);
                assertThat(r.verdict()).contains(Reachability.PRIVATE);
            });
            assertThat(client.autonat().reachability()).isEqualTo(Reachability.PUBLIC);
            assertThat(client.autonat().snapshot().confidence()).isEqualTo(i);
            scheduler.runUntil(clock.instant().plus(retry));
        }
        probe(client);
        assertThat(client.autonat().reachability()).isEqualTo(Reachability.PRIVATE);
    }

    @Test
    void aDialToAnotherIpThanTheObservedOneIsRefusedAndNeverAttempted() throws Exception {
        Peer server = start(SERVER);
        Peer client = start(CLIENT);
        Connection toServer = connect(client, server);
        try (ServerSocket elsewhere = new ServerSocket()) {
            elsewhere.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            Multiaddr other = Multiaddr.parse("/ip4/127.0.0.2/tcp/" + elsewhere.getLocalPort());
            DialResponse r = new AutoNatClient(client.host().peerId()).requestDialBack(toServer, List.of(other))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
            assertThat(r.statusText()).contains("no dialable address at the requester's IP");
            elsewhere.setSoTimeout(500);
            try {
                elsewhere.accept().close();
                throw new AssertionError("the server connected to an address at another IP");
            } catch (SocketTimeoutException expected) {
                // nothing tried to connect
            }
        }
    }

    @Test
    void requestsBeyondThePerPeerLimitAreRefusedUntilTheWindowPasses() throws Exception {
        Peer server = start(SERVER);
        Peer client = start(CLIENT);
        Connection toServer = connect(client, server);
        AutoNatClient direct = new AutoNatClient(client.host().peerId());
        List<Multiaddr> mine = client.host().listenAddrs();
        for (int i = 0; i < AutoNatServerConfig.REQUESTS_PER_PEER_PER_MINUTE; i++) {
            assertThat(direct.requestDialBack(toServer, mine).toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(ResponseStatus.OK);
        }
        DialResponse limited = direct.requestDialBack(toServer, mine).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(limited.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(limited.statusText()).contains("per peer");
        clock.advance(DialBackLimiter.WINDOW);
        assertThat(direct.requestDialBack(toServer, mine).toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                .isEqualTo(ResponseStatus.OK);
    }

    @Test
    void malformedOrOversizeMessagesCloseTheStreamButNotTheConnection() throws Exception {
        Peer server = start(SERVER);
        Peer client = start(CLIENT);
        Connection toServer = connect(client, server);
        for (byte[] garbage : List.of(new byte[] {0x03, 0x0a, 0x05, 0x01}, new byte[] {(byte) 0x81, (byte) 0x80, 0x01})) {
            AtomicInteger bytesBack = new AtomicInteger();
            var stream = toServer.newStream(s -> s.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    bytesBack.addAndGet(((ByteBuf) msg).readableBytes());
                    ReferenceCountUtil.release(msg);
                }
            }), AutoNatProtocol.ID).toCompletableFuture().get(10, TimeUnit.SECONDS);
            stream.channel().writeAndFlush(Unpooled.wrappedBuffer(garbage));
            assertThat(stream.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bytesBack).hasValue(0);
        }
        assertThat(toServer.isOpen()).isTrue();
        DialResponse stillServed = new AutoNatClient(client.host().peerId())
                .requestDialBack(toServer, client.host().listenAddrs()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(stillServed.status()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void aRoundAsksAtMostServersPerRoundAndNoServerTwiceWithinTheThrottle() throws Exception {
        Peer client = start(CLIENT);
        int servers = ProbeSchedule.SERVERS_PER_ROUND + 1;
        for (int i = 0; i < servers; i++) {
            connect(client, start(SERVER));
        }
        List<ProbeResult> first = probe(client);
        assertThat(first).hasSize(ProbeSchedule.SERVERS_PER_ROUND);
        List<ProbeResult> second = probe(client);
        assertThat(second).hasSize(servers - ProbeSchedule.SERVERS_PER_ROUND);
        assertThat(second).extracting(ProbeResult::server)
                .doesNotContainAnyElementsOf(first.stream().map(ProbeResult::server).toList());
        clock.advance(ProbeSchedule.PEER_THROTTLE.minusSeconds(1));
        assertThat(probe(client)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(probe(client)).hasSize(ProbeSchedule.SERVERS_PER_ROUND);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheStreamIsReset() throws Exception {
        Peer silent = start(CLIENT);
        List<io.netty.channel.Channel> streams = new CopyOnWriteArrayList<>();
        silent.host().protocols().register(AutoNatProtocol.ID, s -> streams.add(s.channel()));
        Peer client = start(CLIENT);
        Connection toSilent = connect(client, silent);
        var answer = new AutoNatClient(client.host().peerId(), Duration.ofMillis(300))
                .requestDialBack(toSilent, client.host().listenAddrs()).toCompletableFuture();
        assertThat(answer).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.size() == 1 && !streams.get(0).isOpen());
        assertThat(toSilent.isOpen()).isTrue();
    }

    @Test
    void withoutPublicRangesLoopbackPeersAreNeitherAskedNorDialledBack() throws Exception {
        AutoNatConfig realInternet = AutoNatConfig.defaults().forSingleHost();
        Peer server = start(realInternet.withProbe(false));
        Peer client = start(realInternet.withServe(false));
        Connection toServer = connect(client, server);
        assertThat(probe(client)).isEmpty();
        DialResponse r = new AutoNatClient(client.host().peerId()).requestDialBack(toServer, client.host().listenAddrs())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(r.statusText()).contains("not public");
    }
}
