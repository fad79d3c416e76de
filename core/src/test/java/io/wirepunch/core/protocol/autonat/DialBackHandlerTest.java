package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request logic with a recording dialler: what is dialled, in which order, and what is answered. */
class DialBackHandlerTest {
    private static final PeerId REQUESTER = Keys.generateEd25519().publicKey().peerId();
    private static final Multiaddr FROM = Multiaddr.parse("/ip4/198.51.100.7/tcp/50000");
    private static final Multiaddr A = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");
    private static final Multiaddr B = Multiaddr.parse("/ip4/198.51.100.7/tcp/4002");
    private static final AutoNatServerConfig CONFIG = AutoNatServerConfig.defaults(PublicRanges.parse("198.51.100.0/24"));

    private final List<Multiaddr> dialled = new CopyOnWriteArrayList<>();

    private DialBackHandler handler(AutoNatServerConfig config, DialBacker dialer) {
        return new DialBackHandler(config, new DialBackLimiter(new FakeClock(), config), new DialBacker() {
            @Override
            public java.util.concurrent.CompletionStage<Multiaddr> dialBack(PeerId peer, Multiaddr addr) {
                dialled.add(addr);
                return dialer.dialBack(peer, addr);
            }

            @Override
            public boolean hasRoom() {
                return dialer.hasRoom();
            }
        }, Set::of);
    }

    private static DialResponse answer(DialBackHandler h, Multiaddr... addrs) throws Exception {
        return h.handle(REQUESTER, FROM, new AutoNatMessage.Dial(REQUESTER, List.of(addrs)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void triesTheAddressesInTurnUntilOneAnswers() throws Exception {
        DialBackHandler h = handler(CONFIG, (peer, addr) -> addr.equals(B)
                ? CompletableFuture.completedFuture(addr)
                : CompletableFuture.failedFuture(new java.io.IOException("refused")));
        assertThat(answer(h, A, B)).isEqualTo(DialResponse.ok(B));
        assertThat(dialled).containsExactly(A, B);
    }

    @Test
    void everyAddressFailingIsADialError() throws Exception {
        DialBackHandler h = handler(CONFIG, (peer, addr) -> CompletableFuture.failedFuture(new java.io.IOException("refused")));
        DialResponse r = answer(h, A, B);
        assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_ERROR);
        assertThat(r.statusText()).isEqualTo("dial-back failed");
        assertThat(dialled).containsExactly(A, B);
    }

    @Test
    void aDialBackThatHangsEndsAtTheTimeoutAsADialError() throws Exception {
        DialBackHandler h = handler(CONFIG.withDialBackTimeout(Duration.ofMillis(200)), (peer, addr) -> new CompletableFuture<>());
        DialResponse r = answer(h, A, B);
        assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_ERROR);
        assertThat(r.statusText()).contains("took longer than");
        assertThat(dialled).containsExactly(A);
    }

    @Test
    void withoutRoomForAConnectionTheRequestIsRefusedNotFailed() throws Exception {
        DialBackHandler h = handler(CONFIG, new DialBacker() {
            @Override
            public java.util.concurrent.CompletionStage<Multiaddr> dialBack(PeerId peer, Multiaddr addr) {
                return CompletableFuture.completedFuture(addr);
            }

            @Override
            public boolean hasRoom() {
                return false;
            }
        });
        DialResponse r = answer(h, A);
        assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(r.statusText()).contains("no room");
        assertThat(dialled).isEmpty();
    }

    @Test
    void refusedRequestsDialNothingAndDoNotCountAgainstTheLimits() throws Exception {
        DialBackHandler h = handler(CONFIG, (peer, addr) -> CompletableFuture.completedFuture(addr));
        for (int i = 0; i < 2 * AutoNatServerConfig.REQUESTS_PER_PEER_PER_MINUTE; i++) {
            assertThat(answer(h, Multiaddr.parse("/ip4/127.0.0.2/tcp/4001")).status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        }
        assertThat(dialled).isEmpty();
        for (int i = 0; i < AutoNatServerConfig.REQUESTS_PER_PEER_PER_MINUTE; i++) {
            assertThat(answer(h, A).status()).isEqualTo(ResponseStatus.OK);
        }
        DialResponse limited = answer(h, A);
        assertThat(limited.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(limited.statusText()).contains("too many");
        assertThat(dialled).hasSize(AutoNatServerConfig.REQUESTS_PER_PEER_PER_MINUTE);
    }
}
