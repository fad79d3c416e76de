package io.wirepunch.app.views.main;

import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.engine.WindowState;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.views.diagnostics.DiagnosticsController;
import io.wirepunch.app.views.peers.PeersController;
import io.wirepunch.app.views.punches.PunchesController;
import io.wirepunch.app.views.relay.RelayController;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.engine.EngineSnapshot;
import java.util.function.Consumer;
import javafx.scene.Parent;

/** The main window's content: the header and the peers, punches, relay and diagnostics tabs, all from one state. */
public final class MainController {
    private final MainModel model = new MainModel();
    private final PeersController peers;
    private final PunchesController punches = new PunchesController();
    private final RelayController relay = new RelayController();
    private final DiagnosticsController diagnostics = new DiagnosticsController();
    private final MainView view;
    /** Set while a snapshot moves the switch, so that only the user's clicks reach the engine. */
    private boolean showing;

    public MainController(PeerCommands commands, FxBridge fx, Consumer<Boolean> setParticipating, Runnable openJoin, boolean trayAvailable) {
        peers = new PeersController(commands, fx);
        view = new MainView(model, peers.root(), punches.root(), relay.root(), diagnostics.root(), openJoin);
        model.trayMissing.set(!trayAvailable);
        view.participate.selectedProperty().bindBidirectional(model.participating);
        model.participating.addListener((o, old, on) -> {
            if (!showing) {
                setParticipating.accept(on);
            }
        });
    }

    /** Shows the notifications setting as {@code on} and tells {@code onChange} each time the user flips it; on the FX thread. */
    public void notificationsSwitch(boolean on, Consumer<Boolean> onChange) {
        model.notifications.set(on);
        model.notifications.addListener((o, old, now) -> onChange.accept(now));
    }

    public Parent root() {
        return view.root;
    }

    /** Tells what an event says that no snapshot shows (a peer joined, a relay limit reached); on the FX thread. */
    public void notice(EngineEvent event) {
        Notices.of(event).ifPresent(model.notice::set);
    }

    /** Renders {@code state} in the header and every tab; on the FX thread. */
    public void show(WindowState state) {
        EngineSnapshot s = state.snapshot();
        showing = true;
        try {
            model.participating.set(s.participating());
        } finally {
            showing = false;
        }
        model.status.set(s.status().state() == EngineSnapshot.State.ERROR ? "Error: " + s.status().line() : s.status().line());
        model.running.set(switch (s.status().state()) {
            case PARTICIPATING, PAUSED, CONNECTING -> true;
            case STARTING, ERROR, STOPPED -> false;
        });
        model.demo.set(s.demo());
        peers.show(s);
        punches.show(s);
        relay.show(s, state.relay());
        diagnostics.show(s, state.log());
    }
}
