package io.wirepunch.app.views.relay;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/** The relay tab's state: this node as a relay for others, and as a client of relays. */
final class RelayModel {
    final BooleanProperty serving = new SimpleBooleanProperty(false);
    final StringProperty period = new SimpleStringProperty("");
    final DoubleProperty globalFraction = new SimpleDoubleProperty(0);
    final StringProperty globalText = new SimpleStringProperty("");
    final ObservableList<UsageRow> peers = FXCollections.observableArrayList();
    final ObservableList<String> reservations = FXCollections.observableArrayList();
    final ObservableList<String> circuits = FXCollections.observableArrayList();
    final ObservableList<XYChart.Data<Number, Number>> bytesOverTime = FXCollections.observableArrayList();
    final ObservableList<String> carriedForUs = FXCollections.observableArrayList();
    final StringProperty carriedTotal = new SimpleStringProperty("");
}
