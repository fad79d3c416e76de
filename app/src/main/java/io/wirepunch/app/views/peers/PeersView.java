package io.wirepunch.app.views.peers;

import io.wirepunch.app.views.common.Columns;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The peers tab: a filter above the table, a context menu on each row, the last action's result below. */
final class PeersView {
    final BorderPane root = new BorderPane();
    final TextField filter = new TextField();
    final TableView<PeerRow> table = new TableView<>();

    PeersView(PeersModel model, Consumer<PeerRow> copyId, Consumer<PeerRow> ping, Consumer<PeerRow> disconnect) {
        filter.setId("peers-filter");
        filter.setPromptText("Filter by name, id, path, address or trust");
        filter.textProperty().bindBidirectional(model.filter);
        Label summary = new Label();
        summary.setId("peers-summary");
        summary.textProperty().bind(model.summary);
        HBox top = new HBox(8, filter, summary);
        HBox.setHgrow(filter, Priority.ALWAYS);
        top.setPadding(new Insets(0, 0, 8, 0));

        table.setId("peers-table");
        table.setItems(model.shown);
        table.setPlaceholder(new Label("No peers yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(Columns.text("Name", PeerRow::name, 140));
        table.getColumns().add(Columns.text("Peer", PeerRow::shortId, 90));
        table.getColumns().add(Columns.text("Path", PeerRow::path, 150));
        table.getColumns().add(Columns.text("Endpoint", PeerRow::endpoint, 200));
        table.getColumns().add(Columns.text("RTT", PeerRow::rtt, 70));
        table.getColumns().add(Columns.text("Rx / Tx", PeerRow::rxTx, 130));
        table.getColumns().add(Columns.text("Handshake", PeerRow::lastHandshake, 90));
        table.getColumns().add(Columns.text("Trust", PeerRow::trust, 70));
        table.setContextMenu(new ContextMenu(item("Copy peer id", copyId), item("Ping", ping), item("Disconnect", disconnect)));

        Label result = new Label();
        result.setId("peers-action-result");
        result.textProperty().bind(model.actionResult);

        root.setTop(top);
        root.setCenter(table);
        root.setBottom(result);
        root.setPadding(new Insets(8));
    }

    /** An entry of the table's menu, acting on the row selected (a right click selects the row under it). */
    private MenuItem item(String label, Consumer<PeerRow> action) {
        MenuItem item = new MenuItem(label);
        item.setId("peer-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        item.setOnAction(e -> action.accept(table.getSelectionModel().getSelectedItem()));
        return item;
    }
}
