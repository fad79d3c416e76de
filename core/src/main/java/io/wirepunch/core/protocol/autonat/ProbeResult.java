package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Reachability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One server's answer to one probe.
 *
 * @param asked the addresses we asked it to dial
 * @param status its answer, empty when there was none (stream failure, timeout, bad answer)
 * @param detail its status text, or what went wrong
 * @param reached the address it reports reaching
 * @param verdict what the answer says about us; empty when it says nothing (a refusal)
 */
public record ProbeResult(PeerId server, Instant at, List<Multiaddr> asked, Optional<ResponseStatus> status,
                          String detail, Optional<Multiaddr> reached, Optional<Reachability> verdict) {
    public ProbeResult {
        asked = List.copyOf(asked);
    }
}
