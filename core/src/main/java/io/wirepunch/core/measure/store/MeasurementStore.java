package io.wirepunch.core.measure.store;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where hole-punch measurements live: API keys, the clients that registered, the candidates the
 * honeypot saw, and every tracked hole punch with its attempts, latency measurements and NAT
 * mappings. One schema behind it, whether embedded or on PostgreSQL. Implementations are safe for
 * concurrent use; a method that cannot do its work throws {@link StoreException}.
 */
public interface MeasurementStore extends AutoCloseable {
    /** Creates a new API key for {@code name} and answers it: the only time it is shown. */
    String addApiKey(String name);

    /** The authorization an API key stands for, when the key is known. */
    OptionalLong authorize(String apiKey);

    /** Records (or refreshes) a client host; answers its id in the store. */
    long registerClient(long authorization, PeerId client, String agentVersion, List<String> protocols);

    /**
     * Records that the honeypot saw {@code peer} at {@code at}: its agent, protocols and listen
     * addresses. Only peers that support {@code /libp2p/dcutr} and listen on relay addresses only
     * are candidates; callers pass the others too, and the store keeps what it needs.
     */
    void recordSighting(PeerId peer, String agentVersion, List<String> protocols, List<Multiaddr> addrs, Instant at);

    /**
     * A peer for one of {@code clientHosts} to hole punch, chosen at random among candidates seen in
     * the last 10 minutes with relay addresses, leaving out peers punched 10 or more times in the
     * last minute and, as punchr does, the peer/address pairs any of these hosts tried in the last 10
     * minutes (a peer comes back with an address not yet tried); empty when none is left.
     */
    Optional<Candidate> candidate(List<PeerId> clientHosts, Instant now);

    /**
     * As {@link #candidate(List, Instant)}, answering only relay addresses that match {@code filter}
     * (punchr's protocol filter), and only a peer that has one. This default narrows the unfiltered
     * answer; a store that can should choose among the peers that match.
     */
    default Optional<Candidate> candidate(List<PeerId> clientHosts, Instant now, ProtocolFilter filter) {
        return candidate(clientHosts, now)
                .map(c -> new Candidate(c.peer(), c.addrs().stream().filter(filter::matches).toList()))
                .filter(c -> !c.addrs().isEmpty());
    }

    /** Stores one hole punch the client reported; answers its id. The caller has validated it. */
    long trackHolePunch(long authorization, PunchrProtos.TrackHolePunchRequest request, Instant receivedAt);

    /** The results tracked since {@code since}, summed up as {@code measure report} prints them. */
    Report report(Instant since);

    @Override
    void close();

    /** A peer to hole punch and its relay addresses. */
    record Candidate(PeerId peer, List<Multiaddr> addrs) {
        public Candidate {
            addrs = List.copyOf(addrs);
        }
    }
}
