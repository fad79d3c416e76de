package io.wirepunch.app.views.punches;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/** The punches tab's state: recent outcomes newest first, the success rate per bucket, the breakdown lines. */
final class PunchesModel {
    final ObservableList<PunchRow> recent = FXCollections.observableArrayList();
    final ObservableList<XYChart.Data<String, Number>> successRate = FXCollections.observableArrayList();
    final ObservableList<String> breakdown = FXCollections.observableArrayList();
    final StringProperty summary = new SimpleStringProperty("");
}
