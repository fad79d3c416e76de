package io.wirepunch.app.views.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.logs.LogTail;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.core.engine.EngineSnapshot;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class DiagnosticsControllerTest {
    private static EngineSnapshot snapshot;
    private static LogTail tail;

    @BeforeAll
    static void demo() throws Exception {
        tail = LogTail.attachToRoot().orElseThrow();
        DemoEngine.running();
        snapshot = DemoEngine.snapshotWhere(s -> !s.diagnostics().relayRtts().isEmpty() && !s.diagnostics().reachability().observed().isEmpty());
        LoggerFactory.getLogger(DiagnosticsControllerTest.class).warn("a line the diagnostics tab must show");
    }

    @AfterAll
    static void detach() {
        tail.detach();
    }

    @Start
    void start(Stage stage) {
        DiagnosticsController controller = new DiagnosticsController();
        controller.show(snapshot, tail.lines());
        stage.setScene(new Scene(controller.root(), 900, 900));
        stage.show();
    }

    @Test
    void reachabilityAndMappingAreTheEnginesVerdict(FxRobot robot) {
        var r = snapshot.diagnostics().reachability();

        assertThat(robot.lookup("#diag-reachability").queryAs(Label.class).getText())
                .isEqualTo(r.reachability().name().toLowerCase() + " (confidence " + r.confidence() + ")");
        assertThat(robot.lookup("#diag-mapping").queryAs(Label.class).getText())
                .isEqualTo(r.mapping().behaviour().name().toLowerCase().replace('_', ' '));
        assertThat(robot.lookup("#diag-upnp").queryAs(Label.class).getText()).isEqualTo("not asked for");
        assertThat(robot.lookup("#diag-bootstrap").queryAs(Label.class).getText())
                .startsWith(snapshot.diagnostics().bootstrap().orElseThrow().status().name().toLowerCase().replace('_', ' '));
    }

    @Test
    void addressesAndRelayRoundTripsAreListed(FxRobot robot) {
        var d = snapshot.diagnostics();

        assertThat(robot.lookup("#diag-observed").queryAs(ListView.class).getItems()).hasSize(d.reachability().observed().size());
        assertThat(robot.lookup("#diag-addresses").queryAs(ListView.class).getItems())
                .hasSize(d.listenAddrs().size() + d.circuitAddrs().size())
                .contains("listen " + d.listenAddrs().get(0));
        assertThat(robot.lookup("#diag-relay-rtts").queryAs(ListView.class).getItems()).hasSize(d.relayRtts().size())
                .allMatch(line -> line.toString().matches("…\\S+: [0-9.]+ ms"));
    }

    @Test
    void theLogsTailIsShown(FxRobot robot) {
        @SuppressWarnings("unchecked")
        List<String> log = robot.lookup("#diag-log").queryAs(ListView.class).getItems();

        assertThat(log).isNotEmpty().hasSizeLessThanOrEqualTo(LogTail.MAX_LINES);
        assertThat(log.get(log.size() - 1)).endsWith("WARN DiagnosticsControllerTest: a line the diagnostics tab must show");
    }
}
