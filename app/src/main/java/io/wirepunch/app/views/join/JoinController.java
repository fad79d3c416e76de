package io.wirepunch.app.views.join;

import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.engine.JoinProgress;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InvitationException;
import java.time.Clock;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The join dialog: checks the pasted invitation as it is typed (checksum, version, expiry), then
 * joins and shows each stage: finding, through a relay, punching, then direct or relayed.
 */
public final class JoinController {
    private final JoinModel model = new JoinModel();
    private final Engine engine;
    private final Clock clock;
    private final FxBridge fx;
    private final JoinView view;
    private Stage stage;

    public JoinController(Engine engine, Clock clock, FxBridge fx) {
        this.engine = engine;
        this.clock = clock;
        this.fx = fx;
        this.view = new JoinView(model, this::join, this::close);
        model.text.addListener((o, old, text) -> check(text));
    }

    public Parent root() {
        return view.root;
    }

    /** Opens the dialog over {@code owner}, or brings it forward when it is open already. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Join with invitation");
            stage.setScene(new Scene(view.root));
            if (owner != null) {
                stage.initOwner(owner);
            }
        }
        stage.show();
        stage.toFront();
    }

    private void close() {
        if (stage != null) {
            stage.hide();
        }
    }

    private void check(String text) {
        if (text == null || text.isBlank()) {
            model.valid.set(false);
            model.verdict.set("");
            return;
        }
        try {
            Invitation invitation = Invitation.parse(text, clock);
            model.valid.set(true);
            model.verdict.set("An invitation from " + Format.shortId(invitation.inviter()) + " into network \""
                    + invitation.network().name() + "\", valid until " + Format.dateTime(invitation.expiresAt()));
        } catch (InvitationException e) {
            model.valid.set(false);
            model.verdict.set(capitalised(e.getMessage()));
        }
    }

    private void join() {
        model.joining.set(true);
        model.fraction.set(0);
        model.progress.set("Starting…");
        Subscription progress = engine.subscribe(event -> {
            if (event instanceof EngineEvent.JoinProgressed p) {
                fx.execute(() -> show(p.progress()));
            }
        });
        engine.join(model.text.get()).whenComplete((outcome, e) -> {
            progress.close();
            fx.execute(() -> {
                model.joining.set(false);
                if (e != null) {
                    model.fraction.set(1);
                    model.progress.set("The join failed: " + Errors.reason(e));
                } else {
                    model.fraction.set(1);
                    model.progress.set(outcome.relayed()
                            ? "Joined, through a relay: no hole could be punched"
                            : "Joined, over a direct connection");
                }
            });
        });
    }

    private void show(JoinProgress p) {
        if (!model.joining.get()) {
            return; // a stage told after the join ended says nothing new
        }
        model.fraction.set(switch (p.stage()) {
            case FINDING -> 0.2;
            case THROUGH_RELAY -> 0.45;
            case PUNCHING -> 0.7;
            case DIRECT, RELAYED, FAILED -> 1.0;
        });
        model.progress.set(switch (p.stage()) {
            case FINDING -> "Finding " + Format.shortId(p.inviter()) + "…";
            case THROUGH_RELAY -> "Connected through relay " + p.relay().map(Format::shortId).orElse("") + "; proving the invitation…";
            case PUNCHING -> "Punching a hole to " + Format.shortId(p.inviter()) + "…";
            case DIRECT -> "Joined \"" + p.network() + "\", over a direct connection";
            case RELAYED -> "Joined \"" + p.network() + "\", through relay " + p.relay().map(Format::shortId).orElse("")
                    + ": no hole could be punched";
            case FAILED -> "The join failed: " + p.error().orElse("no reason given");
        });
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
