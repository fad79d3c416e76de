package io.wirepunch.core.host;

import io.wirepunch.core.testutil.FakeClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerstoreTest {
    private final FakeClock clock = new FakeClock();
    private final Peerstore store = new Peerstore(clock);
    private final PeerId peer = Keys.generateEd25519().publicKey().peerId();

    @Test
    void addressesExpireWithTheirTtlAndLongerTtlsWin() {
        Multiaddr a = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
        Multiaddr b = Multiaddr.parse("/ip4/10.0.0.2/tcp/4001");
        store.addAddrs(peer, List.of(a), Duration.ofMinutes(1));
        store.addAddrs(peer, List.of(b.withPeerId(peer)), Duration.ofMinutes(10));
        store.addAddrs(peer, List.of(b), Duration.ofSeconds(5)); // must not shorten b's expiry
        assertThat(store.addrs(peer)).containsExactlyInAnyOrder(a, b);
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.addrs(peer)).containsExactly(b);
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.addrs(peer)).isEmpty();
    }

    @Test
    void onePeerCannotStoreMoreThanTheLimit() {
        List<Multiaddr> many = new ArrayList<>();
        for (int i = 0; i < Peerstore.MAX_ADDRS_PER_PEER + 10; i++) {
            many.add(Multiaddr.parse("/ip4/10.0.0.1/tcp/" + (1000 + i)));
        }
        store.addAddrs(peer, many, Duration.ofMinutes(1));
        assertThat(store.addrs(peer)).hasSize(Peerstore.MAX_ADDRS_PER_PEER);
    }

    @Test
    void refusesAPublicKeyThatIsNotThePeers() {
        assertThatThrownBy(() -> store.setPublicKey(peer, Keys.generateEd25519().publicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.publicKey(peer)).isPresent(); // Ed25519 ids inline their key
    }
}
