package io.wirepunch.core.nat;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * How peers see one local endpoint of ours: as {@code external}, reported by {@code observers}
 * distinct observer groups, the last time at {@code lastSeen}.
 */
public record ObservedAddress(InetSocketAddress local, InetSocketAddress external, int observers, Instant lastSeen,
                              boolean confirmed) {}
