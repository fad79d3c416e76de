package io.wirepunch.core.cli;

import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code wirepunch dht closest}: the peers a key's records live on. */
@Command(name = "closest", mixinStandardHelpOptions = true,
        description = {"Print the DHT's peers closest to a key, closest first: one 'closest <peer id>' line each.",
                "Distance is the XOR of SHA-256 ids; at most k = " + RoutingTableConfig.K + " peers."})
final class DhtClosestCommand extends DhtKeyQuery {
    @Override
    int query(Node node, Dht dht, PrintWriter out) throws Exception {
        LookupResult result = await(dht.closestPeers(key.bytes()), "the lookup of " + key.cid() + " failed");
        if (result.closest().isEmpty()) {
            throw new CliException("no peer answered the lookup of " + key.cid());
        }
        for (KadPeer peer : result.closest()) {
            out.println("closest " + peer.id());
        }
        return 0;
    }
}
