package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;

/** One peer's count in a {@link UsageSnapshot}; {@code fraction} is of the per-peer limit (0 when unlimited). */
public record PeerUsage(PeerId peer, long bytes, double fraction, UsageState state) {}
