package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Dht} joins and how: the protocol id (the network), the routing table's limits, the
 * work bits a peer must show, the peers to bootstrap from and where the table is saved between runs.
 *
 * @param protocolId {@link KadProtocol#ID} for the public DHT, {@link KadProtocol#PRIVATE_ID} for a private one
 * @param tableFile where {@link Dht#stop()} saves the routing table and {@link Dht#start()} reads it back
 */
public record DhtConfig(String protocolId, RoutingTableConfig table, WorkRequirement work,
                        List<Multiaddr> bootstrapPeers, Optional<Path> tableFile) {
    /**
     * The public libp2p bootstrap peers, as go-libp2p-kad-dht and kubo list them. The /dnsaddr
     * entries are resolved through the host's resolver (TXT records of _dnsaddr.bootstrap.libp2p.io,
     * kept when they end in the entry's /p2p id); a saved routing table is what makes a rejoin quick.
     */
    public static final List<Multiaddr> DEFAULT_BOOTSTRAP_PEERS = List.of(
            Multiaddr.parse("/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN"),
            Multiaddr.parse("/dnsaddr/bootstrap.libp2p.io/p2p/QmQCU2EcMqAqQPR2i9bChDtGNJchTbq5TbXJJ16u19uLTa"),
            Multiaddr.parse("/dnsaddr/bootstrap.libp2p.io/p2p/QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb"),
            Multiaddr.parse("/dnsaddr/bootstrap.libp2p.io/p2p/QmcZf59bWwK5XFi76CZX8cbJ4BhTzzA3gU1ZjYZcYW3dwt"),
            Multiaddr.parse("/ip4/104.131.131.82/tcp/4001/p2p/QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvuJ"));

    public DhtConfig {
        Objects.requireNonNull(protocolId, "protocolId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(work, "work");
        bootstrapPeers = List.copyOf(bootstrapPeers);
        Objects.requireNonNull(tableFile, "tableFile");
        for (Multiaddr peer : bootstrapPeers) {
            if (peer.peerId().isEmpty()) {
                throw new IllegalArgumentException("bootstrap address must end in /p2p/<peer id>: " + peer);
            }
        }
    }

    /** The public DHT: its protocol id, default limits, no work bits, the public bootstrap peers, no saved table. */
    public static DhtConfig publicDht() {
        return new DhtConfig(KadProtocol.ID, RoutingTableConfig.defaults(), WorkRequirement.NONE,
                DEFAULT_BOOTSTRAP_PEERS, Optional.empty());
    }

    /** A private DHT: peers need {@code work}; there are no public peers to start from, so give some. */
    public static DhtConfig privateDht(WorkRequirement work, List<Multiaddr> bootstrapPeers) {
        return new DhtConfig(KadProtocol.PRIVATE_ID, RoutingTableConfig.defaults(), work, bootstrapPeers,
                Optional.empty());
    }

    public DhtConfig withProtocolId(String id) {
        return new DhtConfig(id, table, work, bootstrapPeers, tableFile);
    }

    public DhtConfig withTable(RoutingTableConfig config) {
        return new DhtConfig(protocolId, config, work, bootstrapPeers, tableFile);
    }

    public DhtConfig withWork(WorkRequirement requirement) {
        return new DhtConfig(protocolId, table, requirement, bootstrapPeers, tableFile);
    }

    public DhtConfig withBootstrapPeers(List<Multiaddr> peers) {
        return new DhtConfig(protocolId, table, work, peers, tableFile);
    }

    public DhtConfig withTableFile(Path file) {
        return new DhtConfig(protocolId, table, work, bootstrapPeers, Optional.of(file));
    }
}
