package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the js-libp2p harness itself: two js peers driven through {@link JsPeer} dial, ping,
 * identify, echo, move bulk data and run perf against each other, and the results are checked
 * here (content by SHA-256 of the deterministic pattern computed in Java).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class JsPeerHarnessTest {
    private static final String AGENT_B = "wirepunch-harness-b/1.0";
    private static final Duration LONG = Duration.ofSeconds(90);

    private JsPeer a;
    private JsPeer b;

    @BeforeAll
    void startPeers() {
        a = JsPeer.builder().name("js-a").start();
        b = JsPeer.builder().name("js-b").agentVersion(AGENT_B).start();
    }

    @AfterAll
    void stopPeers() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void readyLineNamesPeerAndLoopbackAddress() {
        assertThat(b.peerId()).startsWith("12D3KooW");
        assertThat(b.addrs()).isNotEmpty()
                .allSatisfy(ma -> assertThat(ma).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/" + b.peerId()));
        assertThat(b.readyLine().strings("protocols")).contains("/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0",
                "/ipfs/ping/1.0.0", JsPeer.PERF_PROTOCOL, JsPeer.ECHO_PROTOCOL, JsPeer.BULK_PROTOCOL);
    }

    @Test
    void dialNegotiatesNoiseAndYamux() {
        JsonMap answer = a.dial(b.addr());
        assertThat(answer.string("peer")).isEqualTo(b.peerId());
        JsonMap conn = answer.map("connection");
        assertThat(conn.string("encryption")).isEqualTo("/noise");
        assertThat(conn.string("multiplexer")).isEqualTo("/yamux/1.0.0");
        assertThat(conn.string("direction")).isEqualTo("outbound");

        b.awaitEvent("peer:connect", e -> a.peerId().equals(e.get("peer")), Duration.ofSeconds(10));
        assertThat(b.connections()).anySatisfy(c -> {
            assertThat(c.string("remotePeer")).isEqualTo(a.peerId());
            assertThat(c.string("direction")).isEqualTo("inbound");
            assertThat(c.string("encryption")).isEqualTo("/noise");
        });
    }

    @Test
    void pingByAddressAndByPeerId() {
        assertThat(a.ping(b.addr())).isBetween(0L, 5_000L);
        assertThat(a.ping(b.peerId())).isBetween(0L, 5_000L);
    }

    @Test
    void identifyReportsWhatTheRemoteAnnounced() {
        JsonMap id = a.identify(b.addr());
        assertThat(id.string("peerId")).isEqualTo(b.peerId());
        assertThat(id.string("agentVersion")).isEqualTo(AGENT_B);
        assertThat(id.string("protocolVersion")).isEqualTo("ipfs/0.1.0");
        assertThat(id.strings("protocols")).contains("/ipfs/ping/1.0.0", JsPeer.ECHO_PROTOCOL,
                JsPeer.BULK_PROTOCOL, JsPeer.PERF_PROTOCOL);
        String bListen = b.addr().substring(0, b.addr().indexOf("/p2p/"));
        assertThat(id.strings("listenAddrs")).contains(bListen);
        assertThat(id.string("observedAddr")).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+(/p2p/" + a.peerId() + ")?");
        assertThat(id.string("publicKey")).isEqualTo(b.readyLine().string("publicKey"));

        // b learned a's identity through the automatic identify on connection open
        JsonMap seen = b.awaitEvent("peer:identify", e -> a.peerId().equals(e.get("peerId")), Duration.ofSeconds(10));
        assertThat(seen.string("agentVersion")).startsWith("js-libp2p/");
    }

    @Test
    void echoReturnsTheBytesSent() {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        assertThat(a.echo(b.addr(), data)).isEqualTo(data);
        assertThat(a.echo(b.addr(), new byte[0])).isEmpty();
    }

    @Test
    void bulkStreamsCarryThePatternBothWays() {
        int streams = 8;
        long bytes = 1 << 20;
        String expected = JsPeer.patternSha256(bytes);
        int before = b.events("bulk").size();

        JsonMap r = a.bulk(b.addr(), streams, bytes, LONG);

        assertThat(r.bool("ok")).as("bulk answer %s", r).isTrue();
        assertThat(r.string("multiplexer")).isEqualTo("/yamux/1.0.0");
        List<JsonMap> each = r.maps("streams");
        assertThat(each).hasSize(streams).allSatisfy(s -> {
            assertThat(s.bool("ok")).isTrue();
            assertThat(s.longValue("received")).isEqualTo(bytes);
            assertThat(s.string("sha256")).isEqualTo(expected);
        });
        // the responder's view: what it read from each stream
        List<JsonMap> served = b.awaitEvents("bulk", e -> a.peerId().equals(e.get("peer")), before + streams,
                Duration.ofSeconds(30)).subList(before, before + streams);
        assertThat(served).allSatisfy(e -> {
            assertThat(e.longValue("received")).isEqualTo(bytes);
            assertThat(e.longValue("sent")).isEqualTo(bytes);
            assertThat(e.string("sha256")).isEqualTo(expected);
        });
    }

    @Test
    void perfClientAgainstPerfServer() {
        long up = 16L << 20;
        long down = 8L << 20;
        int before = b.events("perf").size();
        JsonMap r = a.perf(b.addr(), up, down, LONG);
        assertThat(r.longValue("uploadBytes")).isEqualTo(up);
        assertThat(r.longValue("downloadBytes")).isEqualTo(down);
        assertThat(r.doubleValue("seconds")).isPositive();
        JsonMap served = b.awaitEvents("perf", e -> a.peerId().equals(e.get("peer")), before + 1,
                Duration.ofSeconds(30)).get(before);
        assertThat(served.longValue("received")).isEqualTo(up);
        assertThat(served.longValue("sent")).isEqualTo(down);
    }

    @Test
    void errorsAreAnsweredAndThePeerKeepsWorking() {
        assertThatThrownBy(() -> a.ping("/ip4/127.0.0.1/tcp/1"))
                .isInstanceOf(JsPeerException.class)
                .hasMessageContaining("ping failed");
        assertThatThrownBy(() -> a.request(JsonMap.of("cmd", "no-such-command")))
                .isInstanceOf(JsPeerException.class)
                .satisfies(e -> assertThat(((JsPeerException) e).answer().string("error"))
                        .contains("unknown command"));
        assertThatThrownBy(() -> a.echo("/ip4/127.0.0.1/tcp/1", new byte[] {1}))
                .isInstanceOf(JsPeerException.class);
        assertThatThrownBy(() -> a.dial("not-a-peer-id")).isInstanceOf(JsPeerException.class);
        assertThatThrownBy(() -> a.dial("/ip4/999.0.0.1/tcp/1")).isInstanceOf(JsPeerException.class);
        assertThat(a.isAlive()).isTrue();
        assertThat(a.ping(b.addr())).isNotNegative();
    }

    @Test
    void privateKeyFixesThePeerId() {
        byte[] seed = new byte[32];
        new Random(42).nextBytes(seed);
        byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        // PrivateKey protobuf: Type = Ed25519 (1), Data = seed || public key
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        key.write(0x08);
        key.write(0x01);
        key.write(0x12);
        key.write(64);
        key.writeBytes(seed);
        key.writeBytes(pub);
        // peer id: identity multihash of the PublicKey protobuf, base58btc
        ByteArrayOutputStream mh = new ByteArrayOutputStream();
        mh.writeBytes(new byte[] {0x00, 0x24, 0x08, 0x01, 0x12, 0x20});
        mh.writeBytes(pub);
        String expected = base58(mh.toByteArray());

        try (JsPeer fixed = JsPeer.builder().name("js-fixed").privateKey(key.toByteArray()).start()) {
            assertThat(fixed.peerId()).isEqualTo(expected);
            assertThat(a.dial(fixed.addr()).string("peer")).isEqualTo(expected);
        }
    }

    @Test
    void closeEndsTheProcess() {
        JsPeer c = JsPeer.builder().name("js-short").start();
        c.close();
        assertThat(c.isAlive()).isFalse();
        assertThatThrownBy(() -> c.ping(b.addr())).isInstanceOf(JsPeerException.class);
    }

    private static String base58(byte[] in) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, in);
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            sb.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < in.length && in[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }
}
