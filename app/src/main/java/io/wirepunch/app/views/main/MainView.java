package io.wirepunch.app.views.main;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The window: a header (status, demo label, Participate, Notifications, Join) over the four tabs; a notice when there is no tray. */
final class MainView {
    final BorderPane root = new BorderPane();
    final CheckBox participate = new CheckBox("Participate");
    final CheckBox notifications = new CheckBox("Notifications");

    MainView(MainModel model, Parent peers, Parent punches, Parent relay, Parent diagnostics, Runnable join) {
        Label status = new Label();
        status.setId("main-status");
        status.textProperty().bind(model.status);
        status.setStyle("-fx-font-weight: bold;");

        Label demo = new Label("Demo");
        demo.setId("main-demo");
        demo.setStyle("-fx-background-color: #f59e0b; -fx-text-fill: black; -fx-padding: 2 8; -fx-background-radius: 8;");
        demo.visibleProperty().bind(model.demo);
        demo.managedProperty().bind(model.demo);

        participate.setId("main-participate");
        participate.disableProperty().bind(model.running.not());
        notifications.setId("main-notifications");
        notifications.setTooltip(new javafx.scene.control.Tooltip("Tell me on the desktop when a peer joins or a relay limit is reached"));
        notifications.selectedProperty().bindBidirectional(model.notifications);
        Button joinButton = new Button("Join with invitation…");
        joinButton.setId("main-join");
        joinButton.disableProperty().bind(model.running.not());
        joinButton.setOnAction(e -> join.run());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(10, status, demo, gap, participate, notifications, joinButton);
        header.setAlignment(Pos.CENTER_LEFT);

        Label noTray = new Label("There is no system tray on this desktop: closing this window quits Wirepunch.");
        noTray.setId("main-no-tray");
        noTray.setWrapText(true);
        noTray.setStyle("-fx-background-color: #fef3c7; -fx-padding: 4 8;");
        noTray.setMaxWidth(Double.MAX_VALUE);
        noTray.visibleProperty().bind(model.trayMissing);
        noTray.managedProperty().bind(model.trayMissing);

        Label notice = new Label();
        notice.setId("main-notice");
        notice.setWrapText(true);
        notice.setStyle("-fx-background-color: #dbeafe; -fx-padding: 4 8;");
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(model.notice);
        notice.visibleProperty().bind(model.notice.isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        TabPane tabs = new TabPane(tab("Peers", peers), tab("Punches", punches), tab("Relay", relay), tab("Diagnostics", diagnostics));
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        VBox top = new VBox(6, header, noTray, notice);
        top.setPadding(new Insets(8));
        root.setTop(top);
        root.setCenter(tabs);
    }

    private static Tab tab(String title, Parent content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        return tab;
    }
}
