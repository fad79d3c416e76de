package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkBits;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that pick a DHT and join it, shared by {@code node} and the {@code dht} commands. */
final class DhtNetworkOptions {
    @Option(names = "--bootstrap", arity = "1..*", paramLabel = "MULTIADDR",
            description = "Peers to join the DHT through, each ending in /p2p/<peer id>; repeatable.")
    List<String> bootstrap = new ArrayList<>();

    @Option(names = "--kad-protocol", paramLabel = "ID",
            description = "The DHT's protocol id (default: " + KadProtocol.ID + ", the public DHT; "
                    + KadProtocol.PRIVATE_ID + " with --workbits).")
    String kadProtocol;

    @Option(names = "--workbits", paramLabel = "N",
            description = "A private DHT whose peers' keys need N bits of work (0 to " + WorkBits.MAX_REQUIRED_BITS
                    + "); implies --kad-protocol " + KadProtocol.PRIVATE_ID + ".")
    Integer workbits;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "With --workbits, the private network's name the work is bound to (default: none).")
    String namespace;

    @Option(names = "--max-peers-per-network", paramLabel = "N",
            description = "Peers of one IPv4 /24 or IPv6 /48 allowed in one routing-table bucket (default: "
                    + RoutingTableConfig.DEFAULT_MAX_PEERS_PER_NETWORK + "); raise it for a DHT on one host or LAN,"
                    + " where every peer shares a network.")
    int maxPeersPerNetwork = RoutingTableConfig.DEFAULT_MAX_PEERS_PER_NETWORK;

    /** True when any option here was given, so that a command can tell whether a DHT was asked for. */
    boolean anyGiven() {
        return !bootstrap.isEmpty() || kadProtocol != null || workbits != null || namespace != null
                || maxPeersPerNetwork != RoutingTableConfig.DEFAULT_MAX_PEERS_PER_NETWORK;
    }

    List<Multiaddr> bootstrapAddrs() {
        return bootstrap.stream().map(CliSupport::parseTarget).toList();
    }

    WorkRequirement work() {
        if (workbits == null) {
            if (namespace != null) {
                throw new CliException("--namespace only applies with --workbits");
            }
            return WorkRequirement.NONE;
        }
        try {
            return new WorkRequirement(namespace == null ? WorkBits.DEFAULT_NAMESPACE : namespace, workbits);
        } catch (IllegalArgumentException e) {
            throw new CliException("--workbits " + workbits + ": " + e.getMessage());
        }
    }

    String protocolId() {
        if (kadProtocol == null) {
            return workbits == null ? KadProtocol.ID : KadProtocol.PRIVATE_ID;
        }
        if (!kadProtocol.startsWith("/") || kadProtocol.chars().anyMatch(c -> c <= ' ')) {
            throw new CliException("--kad-protocol must be a protocol id such as " + KadProtocol.ID
                    + " (starting with '/', no spaces), not '" + kadProtocol + "'");
        }
        if (workbits != null && kadProtocol.equals(KadProtocol.ID)) {
            throw new CliException("--workbits needs a private DHT, but --kad-protocol " + KadProtocol.ID
                    + " is the public one, which admits every key");
        }
        return kadProtocol;
    }

    /** Checks every option and builds the settings; throws {@link CliException} naming the first bad one. */
    DhtSettings settings(Dht.Mode mode) {
        if (maxPeersPerNetwork < 1) {
            throw new CliException("--max-peers-per-network must be at least 1, not " + maxPeersPerNetwork);
        }
        RoutingTableConfig table = RoutingTableConfig.defaults().withMaxPeersPerNetwork(maxPeersPerNetwork);
        // No saved table and no public bootstrap peers unless given: a node joins only what it is told to.
        DhtConfig config = new DhtConfig(protocolId(), table, work(), bootstrapAddrs(), Optional.empty());
        return new DhtSettings(config, mode);
    }

    /** Why a join failed, as far as the DHT's status tells: nobody answered. */
    static String noPeerAnswered(DhtSettings settings) {
        int tried = settings.config().bootstrapPeers().size();
        return "no bootstrap peer answered a kad query (" + tried + " tried)";
    }

    /** A key without the work a private DHT asks for is refused by its peers; say so before that happens. */
    static void warnIfKeyLacksWork(CommandLine.Model.CommandSpec spec, PrivateKey key, WorkRequirement work) {
        if (!work.admits(key.publicKey())) {
            CliSupport.warn(spec, "this key has " + WorkBits.of(key.publicKey(), work.namespace())
                    + " bits of work, but the DHT asks for " + work.bits() + "; its peers will refuse it"
                    + " (wirepunch genkey --workbits " + work.bits()
                    + (work.namespace().isEmpty() ? "" : " --namespace " + work.namespace()) + " makes a key that has enough)");
        }
    }
}
