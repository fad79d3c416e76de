package io.wirepunch.app.views.relay;

import io.wirepunch.app.views.common.Columns;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The relay tab: usage against the limits, reservations and circuits, bytes over time, and what relays carried for us. */
final class RelayView {
    final ScrollPane root;

    RelayView(RelayModel model) {
        Label notServing = new Label("This node does not relay for others.");
        notServing.setId("relay-not-serving");
        notServing.visibleProperty().bind(model.serving.not());
        notServing.managedProperty().bind(notServing.visibleProperty());

        LimitBar global = new LimitBar();
        global.setId("relay-global-bar");
        model.globalFraction.addListener((o, old, f) -> global.setFraction(f.doubleValue()));
        Label globalText = new Label();
        globalText.setId("relay-global-text");
        globalText.textProperty().bind(model.globalText);
        Label period = new Label();
        period.textProperty().bind(model.period);

        TableView<UsageRow> peers = new TableView<>(model.peers);
        peers.setId("relay-peers");
        peers.setPrefHeight(150);
        peers.setPlaceholder(new Label("Nobody used this relay in this period"));
        peers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<UsageRow, Double> usage = new TableColumn<>("Of the per-peer limit");
        usage.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().fraction()));
        usage.setCellFactory(c -> new LimitCell());
        peers.getColumns().add(Columns.text("Peer", UsageRow::peer));
        peers.getColumns().add(Columns.text("Relayed", UsageRow::bytes));
        peers.getColumns().add(usage);

        ListView<String> reservations = list("relay-reservations", model.reservations, "No reservations");
        ListView<String> circuits = list("relay-circuits", model.circuits, "No open circuits");
        HBox live = new HBox(8, new VBox(4, new Label("Reservations"), reservations), new VBox(4, new Label("Circuits"), circuits));
        HBox.setHgrow(live.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(live.getChildren().get(1), Priority.ALWAYS);

        NumberAxis seconds = new NumberAxis();
        seconds.setLabel("seconds ago");
        seconds.setForceZeroInRange(false);
        NumberAxis relayed = new NumberAxis();
        relayed.setLabel("bytes relayed this period");
        LineChart<Number, Number> chart = new LineChart<>(seconds, relayed);
        chart.setId("relay-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(180);
        chart.getData().add(new XYChart.Series<>(model.bytesOverTime));

        VBox asRelay = new VBox(6, notServing, period, globalText, global, peers, live, chart);
        asRelay.disableProperty().bind(model.serving.not());

        Label carriedTotal = new Label();
        carriedTotal.setId("relay-carried-total");
        carriedTotal.textProperty().bind(model.carriedTotal);
        VBox asClient = new VBox(6, carriedTotal, list("relay-carried", model.carriedForUs, "No relay carried anything for this node"));

        VBox content = new VBox(8, new TitledPane("As a relay for others", asRelay), new TitledPane("Relays carrying for this node", asClient));
        content.setPadding(new Insets(8));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
    }

    private static ListView<String> list(String id, javafx.collections.ObservableList<String> items, String empty) {
        ListView<String> list = new ListView<>(items);
        list.setId(id);
        list.setPrefHeight(110);
        list.setPlaceholder(new Label(empty));
        return list;
    }

    /** A limit bar in a table cell. */
    private static final class LimitCell extends TableCell<UsageRow, Double> {
        private final LimitBar bar = new LimitBar();

        @Override
        protected void updateItem(Double fraction, boolean empty) {
            super.updateItem(fraction, empty);
            if (empty || fraction == null) {
                setGraphic(null);
            } else {
                bar.setFraction(fraction);
                setGraphic(bar);
            }
        }
    }
}
