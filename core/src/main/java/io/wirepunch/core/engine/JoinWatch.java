package io.wirepunch.core.engine;

import io.wirepunch.core.holepunch.HolePunchEvent;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.node.Node;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows one join from the node's events: a relayed connection to the inviter, a hole punch with
 * it, then the outcome. Stages only move forward; each change goes to {@code listener}.
 */
final class JoinWatch implements AutoCloseable {
    private final Consumer<JoinProgress> listener;
    private final Subscription connections;
    private final Subscription punches;
    private JoinProgress current;

    JoinWatch(Node node, JoinProgress start, Consumer<JoinProgress> listener) {
        this.listener = listener;
        this.current = start;
        listener.accept(start);
        this.connections = node.host().subscribe(e -> {
            if (e instanceof HostEvent.Connected c && c.connection().remotePeer().equals(start.inviter())
                    && c.connection().isRelayed()) {
                advance(JoinProgress.Stage.THROUGH_RELAY, c.connection().relay());
            }
        });
        this.punches = node.holePunch().subscribe(e -> {
            if (e instanceof HolePunchEvent.Started s && s.remote().equals(start.inviter())) {
                advance(JoinProgress.Stage.PUNCHING, Optional.empty());
            }
        });
    }

    private synchronized void advance(JoinProgress.Stage stage, Optional<io.wirepunch.core.identity.PeerId> relay) {
        if (stage.ordinal() <= current.stage().ordinal() || current.stage().finished()) {
            return;
        }
        current = current.to(stage, relay);
        listener.accept(current);
    }

    synchronized void joined(JoinOutcome outcome) {
        close();
        current = current.joined(outcome);
        listener.accept(current);
    }

    synchronized void failed(String why) {
        close();
        current = current.failed(why);
        listener.accept(current);
    }

    @Override
    public void close() {
        connections.close();
        punches.close();
    }
}
