package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.workbits.WorkBits;
import io.wirepunch.core.protocol.kad.workbits.WorkKeySearch;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A private DHT that requires work bits, over loopback: peers without the work get nowhere. */
class DhtWorkBitsTest {
    static final WorkRequirement WORK = new WorkRequirement("testnet", 5);

    private final LoopbackDhts net = new LoopbackDhts();

    @AfterEach
    void stop() throws Exception {
        net.close();
    }

    static PrivateKey worthyKey() throws Exception {
        return WorkKeySearch.start(WORK, 1, Duration.ofHours(1), p -> { })
                .result().toCompletableFuture().get(30, TimeUnit.SECONDS).key();
    }

    static PrivateKey unworthyKey() {
        while (true) {
            PrivateKey key = Keys.generateEd25519();
            if (!WORK.admits(key.publicKey())) {
                return key;
            }
        }
    }

    private Dht start(PrivateKey identity, WorkRequirement work) throws Exception {
        var node = net.startNode(identity);
        Dht dht = new Dht(node.host(), new DhtConfig(KadProtocol.PRIVATE_ID, LoopbackDhts.CONFIG, work, List.of(),
                Optional.empty()), Clock.systemUTC());
        dht.setMode(Dht.Mode.SERVER);
        net.dhts.add(dht);
        return dht;
    }

    private static PeerId idOf(PrivateKey key) {
        return key.publicKey().peerId();
    }

    private List<Multiaddr> addrsOf(PrivateKey key) {
        return net.addrsOf(net.nodes.stream().map(n -> n.host().peerId()).toList().indexOf(idOf(key)));
    }

    @Test
    void aPeerWithoutTheWorkIsNotAnsweredAndNeverEntersTheTable() throws Exception {
        PrivateKey worthy = worthyKey();
        PrivateKey unworthy = unworthyKey();
        assertThat(WorkBits.of(unworthy.publicKey(), WORK.namespace())).isLessThan(WORK.bits());
        Dht member = start(worthy, WORK);
        Dht outsider = start(unworthy, WORK);

        Throwable refused = outsider.bootstrap(addrsOf(worthy)).toCompletableFuture().handle((r, e) -> e)
                .get(30, TimeUnit.SECONDS);
        assertThat(refused).hasMessageContaining("no bootstrap peer answered");

        // Identify told the member that the outsider serves the protocol; still it is not admitted.
        var memberHost = net.nodes.get(0).host();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> memberHost.peerstore().protocols(idOf(unworthy)).contains(KadProtocol.PRIVATE_ID));
        assertThat(member.table().find(idOf(unworthy))).isEmpty();
        KadClient client = new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT);
        assertThat(client.request(net.nodes.get(1).host(), idOf(worthy), KadMessage.findNode(idOf(worthy)))
                .toCompletableFuture().handle((r, e) -> e).get(30, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void closerPeersWithoutTheWorkAreDroppedBeforeTheLookupUsesThem() throws Exception {
        PrivateKey member = worthyKey();
        PrivateKey lax = worthyKey();
        PrivateKey unworthy = unworthyKey();
        // A lax node has the work but does not require it, so it admits and names the outsider.
        Dht laxDht = start(lax, WorkRequirement.NONE);
        Dht outsider = start(unworthy, WorkRequirement.NONE);
        outsider.bootstrap(addrsOf(lax)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(laxDht.table().find(idOf(unworthy))).isPresent();
        Dht strict = start(member, WORK);
        var strictHost = net.nodes.get(2).host();
        strict.bootstrap(addrsOf(lax)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        KadClient client = new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT);
        KadMessage raw = client.request(strictHost, idOf(lax), KadMessage.findNode(idOf(unworthy)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(raw.closerPeers()).extracting(KadPeer::id).contains(idOf(unworthy));
        LookupResult result = strict.findPeer(idOf(unworthy)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(result.target()).isEmpty();
        assertThat(strict.table().find(idOf(lax))).isPresent();
        assertThat(strict.table().find(idOf(unworthy))).isEmpty();
        assertThat(strictHost.connections().get(idOf(unworthy))).isEmpty();
    }
}
