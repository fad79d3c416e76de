package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wirepunch dht find-peer}: a peer's addresses, as the DHT knows them. */
@Command(name = "find-peer", mixinStandardHelpOptions = true,
        description = "Look a peer up in the DHT; prints 'found <peer id> <multiaddr>...' (addresses without /p2p).")
final class DhtFindPeerCommand extends DhtQuery {
    @Parameters(paramLabel = "PEER_ID", description = "The peer to find (12D3KooW…, Qm… or its CID).")
    String peerText;

    private PeerId peer;

    @Override
    void parseArguments() {
        peer = CliSupport.parsePeerId(peerText);
    }

    @Override
    int query(Node node, Dht dht, PrintWriter out) throws Exception {
        LookupResult result = await(dht.findPeer(peer), "the lookup of " + peer + " failed");
        Optional<KadPeer> found = result.target().filter(p -> !p.addrs().isEmpty());
        if (found.isEmpty()) {
            return notFound("peer " + peer + " not found; " + result.queries() + " peers asked");
        }
        out.println("found " + peerWithAddrs(found.get()));
        return 0;
    }
}
