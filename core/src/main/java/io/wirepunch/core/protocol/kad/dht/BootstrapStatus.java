package io.wirepunch.core.protocol.kad.dht;

/** Where a {@link Dht} stands with joining the network. */
public enum BootstrapStatus {
    /** Not started, or the first attempt (or a rejoin after the table emptied) is under way. */
    JOINING,
    /** A peer answered and the self-lookup ran: the node is part of the DHT. */
    JOINED,
    /** No saved or configured peer answered; the DHT keeps retrying with backoff. */
    NO_PEER_REACHABLE
}
