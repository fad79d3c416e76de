package io.wirepunch.app.views.peers;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.peers.PeerState;
import java.time.Instant;
import java.util.Locale;

/** One peer as the table shows it: every cell already in words, so the table only lays text out. */
record PeerRow(PeerId peer, String name, String shortId, String path, String endpoint, String rtt, String rxTx,
               String lastHandshake, String trust) {
    static PeerRow of(PeerState state, Instant now) {
        String name = state.member().flatMap(PeerState.Membership::name).or(state::agent).orElse("");
        String path = state.relay().map(r -> "relayed via " + Format.shortId(r)).orElse(state.path());
        String trust = state.member().map(m -> m.trust().name().toLowerCase(Locale.ROOT)).orElse("–");
        return new PeerRow(state.peer(), name, Format.shortId(state.peer()), path, state.endpoint().map(Object::toString).orElse("–"),
                Format.rtt(state.rtt()), Format.bytes(state.rxBytes()) + " / " + Format.bytes(state.txBytes()),
                Format.ago(state.latestHandshake(), now), trust);
    }

    /** Whether the filter text occurs in any of the row's words, case aside. */
    boolean matches(String filter) {
        if (filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return String.join("\n", peer.toBase58(), name, path, endpoint, trust).toLowerCase(Locale.ROOT).contains(needle);
    }
}
