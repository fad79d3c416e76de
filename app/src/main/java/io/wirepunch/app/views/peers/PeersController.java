package io.wirepunch.app.views.peers;

import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.errors.Errors;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The peers tab: every peer of the latest snapshot, filtered as typed, with copy id, ping and disconnect. */
public final class PeersController {
    private final PeersModel model = new PeersModel();
    private final PeersView view;
    private final PeerCommands commands;
    private final FxBridge fx;

    public PeersController(PeerCommands commands, FxBridge fx) {
        this.commands = commands;
        this.fx = fx;
        this.view = new PeersView(model, this::copyId, this::ping, this::disconnect);
    }

    public Parent root() {
        return view.root;
    }

    /** Shows {@code snapshot}; on the FX thread. */
    public void show(EngineSnapshot snapshot) {
        List<PeerRow> rows = snapshot.peers().stream().map(p -> PeerRow.of(p, snapshot.at())).toList();
        if (!rows.equals(model.rows)) {
            model.rows.setAll(rows);
        }
        EngineSnapshot.Counts counts = snapshot.counts();
        model.summary.set(counts.peers() + " connected · " + counts.direct() + " direct · " + counts.relayed() + " relayed");
    }

    private void copyId(PeerRow row) {
        ClipboardContent content = new ClipboardContent();
        content.putString(row.peer().toBase58());
        Clipboard.getSystemClipboard().setContent(content);
        model.actionResult.set("Copied the id of " + row.shortId());
    }

    private void ping(PeerRow row) {
        model.actionResult.set("Pinging " + row.shortId() + "…");
        commands.ping(row.peer()).whenComplete((rtt, e) -> fx.execute(() -> model.actionResult.set(e == null
                ? "Ping to " + row.shortId() + ": " + Format.millis(rtt)
                : "Ping to " + row.shortId() + " failed: " + Errors.reason(e))));
    }

    private void disconnect(PeerRow row) {
        commands.disconnect(row.peer()).whenComplete((v, e) -> fx.execute(() -> model.actionResult.set(e == null
                ? "Disconnected from " + row.shortId()
                : "Disconnecting from " + row.shortId() + " failed: " + Errors.reason(e))));
    }
}
