package io.wirepunch.core.cli;

import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirepunch dht find-providers}: who announced that they provide a key. */
@Command(name = "find-providers", mixinStandardHelpOptions = true,
        description = "Find the providers of KEY; prints 'provider <peer id> <multiaddr>...' per provider"
                + " (addresses without /p2p).")
final class DhtFindProvidersCommand extends DhtKeyQuery {
    /** As many as one lookup's k closest peers would hold; js and go kad-dht default to the same. */
    static final int DEFAULT_MAX_PROVIDERS = RoutingTableConfig.K;

    @Option(names = "--max", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_PROVIDERS,
            description = "Stop once N providers are known (default: ${DEFAULT-VALUE}).")
    int max;

    @Override
    void checkOptions() {
        if (max < 1) {
            throw new CliException("--max must be at least 1, not " + max);
        }
    }

    @Override
    int query(Node node, Dht dht, PrintWriter out) throws Exception {
        List<KadPeer> providers = await(dht.findProviders(key.bytes(), max), "could not look for providers of " + key.cid());
        if (providers.isEmpty()) {
            return notFound("no providers of " + key.cid() + " found");
        }
        for (KadPeer provider : providers) {
            out.println("provider " + peerWithAddrs(provider));
        }
        return 0;
    }
}
