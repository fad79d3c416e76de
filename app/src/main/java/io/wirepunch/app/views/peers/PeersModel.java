package io.wirepunch.app.views.peers;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The peers tab's state: every row, the filter typed, the rows it lets through, and the last action's result. */
final class PeersModel {
    final ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    final StringProperty filter = new SimpleStringProperty("");
    final FilteredList<PeerRow> shown = new FilteredList<>(rows);
    final StringProperty actionResult = new SimpleStringProperty("");
    final ObjectProperty<String> summary = new SimpleObjectProperty<>("");

    PeersModel() {
        filter.addListener((o, old, text) -> shown.setPredicate(row -> row.matches(text)));
    }
}
