package io.wirepunch.core.protocol.kad.routing;

/** What {@link RoutingTable#peerAnsweredQuery} did with a peer. */
public enum AddOutcome {
    /** The bucket had room; the peer is in the table. */
    ADDED,
    /** The peer was already in the table; its addresses and times were refreshed. */
    UPDATED,
    /** The bucket was full, its least-recently-seen peer failed the liveness check and was replaced. */
    REPLACED_UNRESPONSIVE,
    /**
     * The bucket was full and its peers answer (or a check is already running): the peer waits in
     * the bucket's bounded replacement cache and takes the next slot that frees up.
     */
    CACHED,
    /** As {@link #CACHED}, but the replacement cache is configured to size 0, so the peer was not kept. */
    DROPPED,
    /** The bucket already holds the maximum number of peers from the peer's network. */
    REJECTED_DIVERSITY,
    /** The peer is the local node. */
    REJECTED_SELF
}
