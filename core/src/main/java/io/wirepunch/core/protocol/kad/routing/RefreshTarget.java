package io.wirepunch.core.protocol.kad.routing;

import java.time.Instant;

/**
 * A bucket that has gone without a lookup for the refresh interval, with a random id inside its
 * range for the DHT to look up.
 */
public record RefreshTarget(int bucketIndex, KadId target, Instant lastLookup) {}
