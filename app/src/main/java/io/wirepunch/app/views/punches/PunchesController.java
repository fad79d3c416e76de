package io.wirepunch.app.views.punches;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.holepunch.HolePunchRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;

/** The punches tab: the snapshot's recent hole punches, their success rate per minute and how they ended. */
public final class PunchesController {
    /** A minute is long enough to hold several punches and short enough to show a change within a session. */
    static final Duration BUCKET = Duration.ofMinutes(1);

    private final PunchesModel model = new PunchesModel();
    private final PunchesView view = new PunchesView(model);
    private List<HolePunchRecord> shown = List.of();

    public Parent root() {
        return view.root;
    }

    /** Shows {@code snapshot}; on the FX thread. */
    public void show(EngineSnapshot snapshot) {
        List<HolePunchRecord> records = snapshot.recentPunches();
        if (records.equals(shown)) {
            return;
        }
        shown = records;
        List<PunchRow> rows = new ArrayList<>(records.stream().map(PunchRow::of).toList());
        Collections.reverse(rows);
        model.recent.setAll(rows);
        model.successRate.setAll(PunchStats.successRate(records, BUCKET).stream()
                .map(b -> new XYChart.Data<String, Number>(Format.timeOfDay(b.start()).substring(0, 5), Math.round(b.rate() * 100)))
                .toList());
        model.breakdown.setAll(PunchStats.breakdown(records).entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.getValue()
                        + " (" + Format.percent((double) e.getValue() / records.size()) + ")")
                .toList());
        long successes = records.stream().filter(HolePunchRecord::succeeded).count();
        model.summary.set(records.isEmpty() ? "No hole punch yet"
                : records.size() + " recent hole punches · " + successes + " direct · "
                        + Format.percent((double) successes / records.size()) + " success");
    }
}
