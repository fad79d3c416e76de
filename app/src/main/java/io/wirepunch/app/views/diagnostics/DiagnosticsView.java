package io.wirepunch.app.views.diagnostics;

import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The diagnostics tab: facts in a grid, then lists of addresses, relay round trips, problems and the log's tail. */
final class DiagnosticsView {
    final ScrollPane root;

    DiagnosticsView(DiagnosticsModel model) {
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        fact(facts, 0, "Reachability", "diag-reachability", model.reachability);
        fact(facts, 1, "NAT mapping", "diag-mapping", model.mapping);
        fact(facts, 2, "UPnP", "diag-upnp", model.upnp);
        fact(facts, 3, "DHT bootstrap", "diag-bootstrap", model.bootstrap);
        fact(facts, 4, "Measurement", "diag-measurement", model.measurement);

        VBox content = new VBox(8, facts,
                section("Observed addresses", "diag-observed", model.observed, "No peer told us our address yet", 90),
                section("Listen and relay addresses", "diag-addresses", model.addresses, "Not listening", 110),
                section("Relay round trips", "diag-relay-rtts", model.relayRtts, "No reservation on a relay", 70),
                section("Network files", "diag-problems", model.problems, "Every network file is in use", 50),
                section("Log", "diag-log", model.log, "Nothing logged", 200));
        content.setPadding(new Insets(8));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
    }

    private static void fact(GridPane grid, int row, String name, String id, StringProperty value) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(value);
        label.setWrapText(true);
        grid.addRow(row, new Label(name), label);
    }

    private static VBox section(String title, String id, ObservableList<String> items, String empty, double height) {
        ListView<String> list = new ListView<>(items);
        list.setId(id);
        list.setPrefHeight(height);
        list.setPlaceholder(new Label(empty));
        return new VBox(4, new Label(title), list);
    }
}
