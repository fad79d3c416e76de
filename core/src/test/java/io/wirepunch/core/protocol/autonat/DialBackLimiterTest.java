package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.testutil.FakeClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DialBackLimiterTest {
    private final FakeClock clock = new FakeClock();
    private final AutoNatServerConfig config = AutoNatServerConfig.defaults(PublicRanges.NONE);
    private final DialBackLimiter limiter = new DialBackLimiter(clock, config);

    private static PeerId peer() {
        return Keys.generateEd25519().publicKey().peerId();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void onePeerGetsItsShareAMinuteAndMoreOnceTheWindowSlides() throws Exception {
        PeerId p = peer();
        for (int i = 0; i < AutoNatServerConfig.REQUESTS_PER_PEER_PER_MINUTE; i++) {
            assertThat(limiter.tryAcquire(p, ip("1.0." + i + ".1"))).isEmpty();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(limiter.tryAcquire(p, ip("1.0.9.1"))).hasValueSatisfying(r -> assertThat(r).contains("per peer"));
        // The first request leaves the window a minute after it was made.
        clock.advance(DialBackLimiter.WINDOW.minusSeconds(30));
        assertThat(limiter.tryAcquire(p, ip("1.0.9.1"))).isEmpty();
        assertThat(limiter.tryAcquire(p, ip("1.0.9.1"))).isPresent();
    }

    @Test
    void oneSubnetGetsItsShareWhateverPeerIdsItUses() throws Exception {
        for (int i = 0; i < AutoNatServerConfig.REQUESTS_PER_SUBNET_PER_MINUTE; i++) {
            assertThat(limiter.tryAcquire(peer(), ip("1.0.0." + (i + 1)))).isEmpty();
        }
        assertThat(limiter.tryAcquire(peer(), ip("1.0.0.200"))).hasValueSatisfying(r -> assertThat(r).contains("1.0.0.0/24"));
        assertThat(limiter.tryAcquire(peer(), ip("1.0.1.1"))).isEmpty();
        for (int i = 0; i < AutoNatServerConfig.REQUESTS_PER_SUBNET_PER_MINUTE; i++) {
            assertThat(limiter.tryAcquire(peer(), ip("2001:db8:0:" + i + "::1"))).isEmpty();
        }
        assertThat(limiter.tryAcquire(peer(), ip("2001:db8:0:ffff::1"))).hasValueSatisfying(r -> assertThat(r).contains("/48"));
    }

    @Test
    void inATestbedRangeEachAddressIsItsOwnSubnet() throws Exception {
        DialBackLimiter testbed = new DialBackLimiter(clock, AutoNatServerConfig.defaults(PublicRanges.parse("203.0.113.0/24")));
        for (int i = 0; i < 2 * AutoNatServerConfig.REQUESTS_PER_SUBNET_PER_MINUTE; i++) {
            assertThat(testbed.tryAcquire(peer(), ip("203.0.113." + (i + 1)))).isEmpty();
        }
    }

    @Test
    void everyoneTogetherGetsTheGlobalShare() throws Exception {
        for (int i = 0; i < AutoNatServerConfig.GLOBAL_REQUESTS_PER_MINUTE; i++) {
            assertThat(limiter.tryAcquire(peer(), ip("1.0." + i + ".1"))).isEmpty();
        }
        assertThat(limiter.tryAcquire(peer(), ip("1.1.0.1"))).hasValueSatisfying(r -> assertThat(r).contains("in all"));
        clock.advance(DialBackLimiter.WINDOW);
        assertThat(limiter.tryAcquire(peer(), ip("1.1.0.1"))).isEmpty();
    }
}
