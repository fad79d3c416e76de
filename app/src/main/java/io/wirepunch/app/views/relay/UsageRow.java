package io.wirepunch.app.views.relay;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.protocol.relay.usage.PeerUsage;
import java.util.Locale;

/** One peer's relayed bytes in this period against the per-peer limit. */
record UsageRow(String peer, String bytes, double fraction, String state) {
    static UsageRow of(PeerUsage usage, long peerLimit) {
        String of = peerLimit == 0 ? "" : " of " + Format.bytes(peerLimit);
        return new UsageRow(Format.shortId(usage.peer()), Format.bytes(usage.bytes()) + of, usage.fraction(),
                usage.state().name().toLowerCase(Locale.ROOT));
    }
}
