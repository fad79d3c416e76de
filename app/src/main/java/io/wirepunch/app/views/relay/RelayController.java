package io.wirepunch.app.views.relay;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.protocol.relay.RelaySnapshot;
import io.wirepunch.core.protocol.relay.usage.RelayClientUsage;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;

/** The relay tab: what this node relayed against its limits, who uses it now, and what relays carried for it. */
public final class RelayController {
    /** Ten minutes of one-second snapshots: enough to see a circuit's traffic come and go. */
    static final int HISTORY_POINTS = 600;

    private record Point(Instant at, long bytes) {}

    private final RelayModel model = new RelayModel();
    private final RelayView view = new RelayView(model);
    private final Deque<Point> history = new ArrayDeque<>();

    public Parent root() {
        return view.root;
    }

    /** Shows {@code snapshot} and the relay service's live reservations and circuits, when it runs; on the FX thread. */
    public void show(EngineSnapshot snapshot, Optional<RelaySnapshot> live) {
        model.serving.set(snapshot.relayService().isPresent());
        snapshot.relayService().ifPresent(usage -> showUsage(usage, snapshot.at()));
        model.reservations.setAll(live.map(l -> l.reservations().stream()
                .map(r -> Format.shortId(r.peer()) + " until " + Format.timeOfDay(r.expiry())).toList()).orElse(List.of()));
        model.circuits.setAll(live.map(l -> l.circuits().stream()
                .map(c -> Format.shortId(c.source()) + " → " + Format.shortId(c.destination()) + " · "
                        + Format.bytes(c.sourceToDestinationBytes() + c.destinationToSourceBytes()))
                .toList()).orElse(List.of()));
        showClient(snapshot.relayClient());
    }

    private void showUsage(UsageSnapshot usage, Instant now) {
        model.period.set("This period: " + Format.dateTime(usage.period().start()) + " to " + Format.dateTime(usage.period().end()));
        model.globalFraction.set(usage.globalLimit() == 0 ? 0 : usage.globalFraction());
        model.globalText.set(usage.globalLimit() == 0
                ? Format.bytes(usage.globalBytes()) + " relayed, no overall limit"
                : Format.bytes(usage.globalBytes()) + " of " + Format.bytes(usage.globalLimit()) + " ("
                        + Format.percent(usage.globalFraction()) + ") · " + usage.globalState().name().toLowerCase(Locale.ROOT));
        model.peers.setAll(usage.topPeers().stream().map(p -> UsageRow.of(p, usage.peerLimit())).toList());
        history.addLast(new Point(now, usage.globalBytes()));
        while (history.size() > HISTORY_POINTS) {
            history.removeFirst();
        }
        model.bytesOverTime.setAll(history.stream()
                .map(p -> new XYChart.Data<Number, Number>(-Duration.between(p.at(), now).toSeconds(), p.bytes())).toList());
    }

    private void showClient(RelayClientUsage.Snapshot client) {
        model.carriedTotal.set("Relays carried " + Format.bytes(client.totalSentBytes()) + " out and "
                + Format.bytes(client.totalReceivedBytes()) + " in for this node");
        model.carriedForUs.setAll(client.relays().stream()
                .map(r -> Format.shortId(r.relay()) + ": " + Format.bytes(r.sentBytes()) + " out · " + Format.bytes(r.receivedBytes()) + " in")
                .toList());
    }
}
