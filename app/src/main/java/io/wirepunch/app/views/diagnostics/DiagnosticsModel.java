package io.wirepunch.app.views.diagnostics;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The diagnostics tab's state: one line per fact about the node's reachability, lists for the rest. */
final class DiagnosticsModel {
    final StringProperty reachability = new SimpleStringProperty("");
    final StringProperty mapping = new SimpleStringProperty("");
    final StringProperty upnp = new SimpleStringProperty("");
    final StringProperty bootstrap = new SimpleStringProperty("");
    final StringProperty measurement = new SimpleStringProperty("");
    final ObservableList<String> observed = FXCollections.observableArrayList();
    final ObservableList<String> addresses = FXCollections.observableArrayList();
    final ObservableList<String> relayRtts = FXCollections.observableArrayList();
    final ObservableList<String> problems = FXCollections.observableArrayList();
    final ObservableList<String> log = FXCollections.observableArrayList();
}
