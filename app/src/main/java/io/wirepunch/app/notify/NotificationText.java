package io.wirepunch.app.notify;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words for one notification, or for a burst of them coalesced into one: short peer ids,
 * network names and percentages only.
 */
final class NotificationText {
    /** A burst of joins names this many peers and counts the rest. */
    static final int PEERS_NAMED = 3;

    private NotificationText() {}

    /** Peers that joined since the last notification: the first {@link #PEERS_NAMED} of them named, all counted. */
    static final class Joins {
        private final List<PeerId> named = new ArrayList<>();
        private final Set<String> networks = new LinkedHashSet<>();
        private int count;

        void add(EngineEvent.PeerJoined joined) {
            count++;
            if (named.size() < PEERS_NAMED) {
                named.add(joined.peer());
            }
            if (networks.size() <= PEERS_NAMED) {
                networks.add(joined.network());
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        Notification notification() {
            if (count == 1) {
                return new Notification("A peer joined", Format.shortId(named.get(0)) + " joined \"" + networks.iterator().next()
                        + "\" with your invitation.", "network.connected");
            }
            List<String> ids = named.stream().map(Format::shortId).toList();
            int more = count - ids.size();
            String who = more > 0 ? String.join(", ", ids) + " and " + more + " more"
                    : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
            String where = networks.size() == 1 ? "\"" + networks.iterator().next() + "\"" : "your networks";
            return new Notification(count + " peers joined", who + " joined " + where + " with your invitations.", "network.connected");
        }
    }

    /** Relay limits reached since the last notification; the worst and latest is the one told. */
    static final class Limits {
        private EngineEvent.RelayLimitReached worst;

        void add(EngineEvent.RelayLimitReached limit) {
            if (worst == null || limit.state().compareTo(worst.state()) >= 0) {
                worst = limit;
            }
        }

        boolean isEmpty() {
            return worst == null;
        }

        Notification notification() {
            String share = Format.percent(worst.fraction()) + " of this period's bytes";
            return worst.state() == UsageState.HARD
                    ? new Notification("Relay hard limit reached", "This relay used " + share + ": its circuits are closed.", "network")
                    : new Notification("Relay soft limit reached", "This relay used " + share
                            + ": new reservations and circuits are refused.", "network");
        }
    }
}
