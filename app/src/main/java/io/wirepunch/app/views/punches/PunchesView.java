package io.wirepunch.app.views.punches;

import io.wirepunch.app.views.common.Columns;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The punches tab: the success-rate chart and the breakdown side by side above the recent outcomes. */
final class PunchesView {
    final BorderPane root = new BorderPane();

    PunchesView(PunchesModel model) {
        NumberAxis rate = new NumberAxis(0, 100, 25);
        rate.setLabel("success %");
        CategoryAxis time = new CategoryAxis();
        time.setLabel("minute");
        LineChart<String, Number> chart = new LineChart<>(time, rate);
        chart.setId("punches-chart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setTitle("Success rate over time");
        chart.setPrefHeight(200);
        XYChart.Series<String, Number> series = new XYChart.Series<>(model.successRate);
        chart.getData().add(series);

        ListView<String> breakdown = new ListView<>(model.breakdown);
        breakdown.setId("punches-breakdown");
        breakdown.setPrefWidth(220);
        breakdown.setPrefHeight(200);
        breakdown.setPlaceholder(new Label("No hole punch yet"));
        HBox top = new HBox(8, chart, new VBox(4, new Label("Outcomes"), breakdown));
        HBox.setHgrow(chart, Priority.ALWAYS);

        TableView<PunchRow> table = new TableView<>(model.recent);
        table.setId("punches-table");
        table.setPlaceholder(new Label("No hole punch yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Columns.text("Ended", PunchRow::ended));
        table.getColumns().add(Columns.text("Peer", PunchRow::peer));
        table.getColumns().add(Columns.text("Role", PunchRow::role));
        table.getColumns().add(Columns.text("Outcome", PunchRow::outcome));
        table.getColumns().add(Columns.text("Attempts", PunchRow::attempts));
        table.getColumns().add(Columns.text("To direct", PunchRow::timeToDirect));
        table.getColumns().add(Columns.text("Relay", PunchRow::relay));
        table.getColumns().add(Columns.text("Error", PunchRow::error));

        Label summary = new Label();
        summary.setId("punches-summary");
        summary.textProperty().bind(model.summary);
        root.setTop(new VBox(8, summary, top));
        root.setCenter(table);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(8));
    }
}
