package io.wirepunch.app.views.punches;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.holepunch.HolePunchRecord;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PunchesControllerTest {
    private static EngineSnapshot snapshot;

    @BeforeAll
    static void demo() throws Exception {
        DemoEngine.running();
        snapshot = DemoEngine.snapshotWhere(s -> !s.recentPunches().isEmpty());
    }

    @Start
    void start(Stage stage) {
        PunchesController controller = new PunchesController();
        controller.show(snapshot);
        stage.setScene(new Scene(controller.root(), 1000, 600));
        stage.show();
    }

    @Test
    void theRecentPunchesAreListedNewestFirst(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<PunchRow> table = robot.lookup("#punches-table").queryAs(TableView.class);
        List<HolePunchRecord> records = snapshot.recentPunches();

        assertThat(table.getItems()).hasSize(records.size());
        assertThat(table.getItems().get(0)).isEqualTo(PunchRow.of(records.get(records.size() - 1)));
        assertThat(table.getItems().get(table.getItems().size() - 1)).isEqualTo(PunchRow.of(records.get(0)));
    }

    @Test
    void theBreakdownCountsEveryPunchOnce(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<String> breakdown = robot.lookup("#punches-breakdown").queryAs(ListView.class);
        List<HolePunchRecord> records = snapshot.recentPunches();

        int counted = breakdown.getItems().stream().mapToInt(line -> Integer.parseInt(line.replaceAll(".*: (\\d+) \\(.*", "$1"))).sum();
        assertThat(counted).isEqualTo(records.size());
        long successes = records.stream().filter(HolePunchRecord::succeeded).count();
        assertThat(robot.lookup("#punches-summary").queryAs(Label.class).getText())
                .startsWith(records.size() + " recent hole punches · " + successes + " direct");
    }

    @Test
    void theChartHasAPointPerMinuteWithPunchesAndItsRate(FxRobot robot) {
        @SuppressWarnings("unchecked")
        LineChart<String, Number> chart = robot.lookup("#punches-chart").queryAs(LineChart.class);
        List<PunchStats.Bucket> buckets = PunchStats.successRate(snapshot.recentPunches(), Duration.ofMinutes(1));

        assertThat(buckets.stream().mapToInt(PunchStats.Bucket::punches).sum()).isEqualTo(snapshot.recentPunches().size());
        assertThat(chart.getData().get(0).getData()).hasSize(buckets.size());
        PunchStats.Bucket last = buckets.get(buckets.size() - 1);
        assertThat(chart.getData().get(0).getData().get(buckets.size() - 1).getYValue().longValue()).isEqualTo(Math.round(last.rate() * 100));
    }
}
