package io.wirepunch.app.views.diagnostics;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.nat.upnp.PortMapperState;
import io.wirepunch.core.protocol.autonat.ReachabilitySnapshot;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;

/** The diagnostics tab: how the Internet sees the node, the relays' round trips, the DHT's bootstrap and the log's tail. */
public final class DiagnosticsController {
    private final DiagnosticsModel model = new DiagnosticsModel();
    private final DiagnosticsView view = new DiagnosticsView(model);

    public Parent root() {
        return view.root;
    }

    /** Shows {@code snapshot} and the log's latest lines, oldest first; on the FX thread. */
    public void show(EngineSnapshot snapshot, List<String> logLines) {
        EngineSnapshot.Diagnostics d = snapshot.diagnostics();
        ReachabilitySnapshot r = d.reachability();
        model.reachability.set(word(r.reachability()) + " (confidence " + r.confidence() + ")");
        model.mapping.set(word(r.mapping().behaviour()));
        model.upnp.set(d.upnp().map(DiagnosticsController::upnp).orElse("not asked for"));
        model.bootstrap.set(d.bootstrap().map(b -> bootstrap(b, snapshot.at())).orElse("no DHT"));
        model.measurement.set(d.measurement().orElse("no measurement server"));
        model.observed.setAll(r.observed().stream()
                .map(o -> o.external().getAddress().getHostAddress() + ":" + o.external().getPort() + " seen by " + o.observers()
                        + (o.observers() == 1 ? " observer" : " observers") + (o.confirmed() ? " · confirmed" : ""))
                .toList());
        List<String> addresses = new ArrayList<>();
        d.listenAddrs().forEach(a -> addresses.add("listen " + a));
        d.circuitAddrs().forEach(a -> addresses.add("relay " + a));
        model.addresses.setAll(addresses);
        model.relayRtts.setAll(d.relayRtts().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey((a, b) -> a.toBase58().compareTo(b.toBase58())))
                .map(e -> Format.shortId(e.getKey()) + ": " + Format.millis(e.getValue())).toList());
        model.problems.setAll(d.networkProblems());
        if (!model.log.equals(logLines)) {
            model.log.setAll(logLines);
        }
    }

    private static String upnp(PortMapperState state) {
        String phase = word(state.phase());
        return state.mapping().map(m -> phase + " · " + m.external() + " → " + m.internal().getPort())
                .or(() -> state.reason().map(reason -> phase + " · " + reason))
                .orElse(phase);
    }

    private static String bootstrap(BootstrapState b, Instant now) {
        String status = word(b.status());
        return b.nextRetry().map(at -> status + " · next try " + Format.until(at, now)).orElse(status) + (b.failedAttempts() > 0 ? " · " + b.failedAttempts() + " failed attempts" : "");
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
