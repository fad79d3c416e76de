package io.wirepunch.app.views.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.engine.RelayServiceState;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.protocol.relay.RelaySnapshot;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RelayControllerTest {
    private static EngineSnapshot snapshot;
    private static Optional<RelaySnapshot> live;
    private RelayController controller;

    @BeforeAll
    static void demo() throws Exception {
        DemoEngine.running();
        // the demo's last peer reaches the first through this node's relay service
        snapshot = DemoEngine.snapshotWhere(s -> s.relayService().map(u -> u.globalBytes() > 0).orElse(false));
        // other tests switch participation off and on, which drops reservations; the view must show whatever is live
        live = RelayServiceState.of(DemoEngine.engine());
    }

    @Start
    void start(Stage stage) {
        controller = new RelayController();
        controller.show(snapshot, live);
        stage.setScene(new Scene(controller.root(), 900, 700));
        stage.show();
    }

    @Test
    void theRelayedBytesAreShownAgainstTheOverallLimit(FxRobot robot) {
        UsageSnapshot usage = snapshot.relayService().orElseThrow();

        assertThat(robot.lookup("#relay-global-text").queryAs(Label.class).getText())
                .startsWith(Format.bytes(usage.globalBytes()) + " of " + Format.bytes(usage.globalLimit()));
        assertThat(robot.lookup("#relay-global-bar").queryAs(LimitBar.class).bar.getProgress()).isEqualTo(usage.globalFraction());
        assertThat(robot.lookup("#relay-not-serving").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup(".limit-soft-mark").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".limit-hard-mark").queryAll()).isNotEmpty();
    }

    @Test
    void reservationsAndCircuitsAreTheRelayServicesOwn(FxRobot robot) {
        RelaySnapshot relay = live.orElseThrow();

        assertThat(robot.lookup("#relay-reservations").queryAs(ListView.class).getItems()).hasSize(relay.reservations().size())
                .allMatch(line -> line.toString().matches("…\\S+ until \\d\\d:\\d\\d:\\d\\d"));
        assertThat(robot.lookup("#relay-circuits").queryAs(ListView.class).getItems()).hasSize(relay.circuits().size())
                .allMatch(line -> line.toString().matches("…\\S+ → …\\S+ · .+"));
    }

    @Test
    void whatRelaysCarriedForThisNodeIsListedPerRelay(FxRobot robot) {
        assertThat(robot.lookup("#relay-carried").queryAs(ListView.class).getItems()).hasSize(snapshot.relayClient().relays().size());
        assertThat(robot.lookup("#relay-carried-total").queryAs(Label.class).getText())
                .isEqualTo("Relays carried " + Format.bytes(snapshot.relayClient().totalSentBytes()) + " out and "
                        + Format.bytes(snapshot.relayClient().totalReceivedBytes()) + " in for this node");
    }

    @Test
    void eachSnapshotAddsAPointToTheBytesOverTime(FxRobot robot) throws Exception {
        EngineSnapshot next = DemoEngine.snapshotWhere(s -> s.at().isAfter(snapshot.at()) && s.relayService().isPresent());
        robot.interact(() -> controller.show(next, live));

        @SuppressWarnings("unchecked")
        var chart = robot.lookup("#relay-chart").queryAs(javafx.scene.chart.LineChart.class);
        assertThat(((javafx.scene.chart.XYChart.Series<?, ?>) chart.getData().get(0)).getData()).hasSize(2);
    }
}
