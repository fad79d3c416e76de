package io.wirepunch.core.protocol.kad.dht;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the bootstrap: its status, when the next attempt is due while no peer is
 * reachable, and how many attempts in a row have failed.
 */
public record BootstrapState(BootstrapStatus status, Optional<Instant> nextRetry, int failedAttempts) {}
