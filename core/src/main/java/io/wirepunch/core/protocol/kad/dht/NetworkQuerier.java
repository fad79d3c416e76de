package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends lookup requests over kad streams. Peers named in an answer that cannot show the network's
 * work bits are dropped here, before any lookup sees them, so a private DHT never dials them.
 */
final class NetworkQuerier implements PeerQuerier {
    private final Host host;
    private final KadClient client;
    private final RoutingTable table;
    private final WorkRequirement work;

    NetworkQuerier(Host host, KadClient client, RoutingTable table, WorkRequirement work) {
        this.host = host;
        this.client = client;
        this.table = table;
        this.work = work;
    }

    @Override
    public CompletionStage<KadMessage> ask(PeerId peer, KadMessage request) {
        // A table peer's addresses may have expired from the peerstore; the table still has them.
        if (host.peerstore().addrs(peer).isEmpty()) {
            table.find(peer).ifPresent(entry ->
                    host.peerstore().addAddrs(peer, entry.addresses(), Peerstore.TEMP_ADDR_TTL));
        }
        return client.request(host, peer, request).thenApply(this::withoutUnworthyPeers);
    }

    private KadMessage withoutUnworthyPeers(KadMessage answer) {
        if (work.bits() == 0) {
            return answer;
        }
        return answer.withCloserPeers(admitted(answer.closerPeers())).withProviderPeers(admitted(answer.providerPeers()));
    }

    private List<KadPeer> admitted(List<KadPeer> peers) {
        return peers.stream().filter(p -> work.admits(p.id())).toList();
    }
}
