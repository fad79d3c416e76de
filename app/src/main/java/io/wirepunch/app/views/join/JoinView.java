package io.wirepunch.app.views.join;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The join dialog: the invitation field, its verdict as typed, the Join button and the join's progress. */
final class JoinView {
    final VBox root;

    JoinView(JoinModel model, Runnable join, Runnable close) {
        TextArea text = new TextArea();
        text.setId("join-text");
        text.setPromptText("Paste the invitation (wp1…)");
        text.setWrapText(true);
        text.setPrefRowCount(3);
        text.textProperty().bindBidirectional(model.text);
        text.disableProperty().bind(model.joining);

        Label verdict = new Label();
        verdict.setId("join-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdict);

        Button joinButton = new Button("Join");
        joinButton.setId("join-button");
        joinButton.setDefaultButton(true);
        joinButton.disableProperty().bind(model.valid.not().or(model.joining));
        joinButton.setOnAction(e -> join.run());
        Button closeButton = new Button("Close");
        closeButton.setId("join-close");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());

        ProgressBar bar = new ProgressBar();
        bar.setId("join-progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fraction);
        bar.visibleProperty().bind(model.fraction.greaterThanOrEqualTo(0));
        Label progress = new Label();
        progress.setId("join-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(model.progress);

        root = new VBox(8, new Label("Join with an invitation"), text, verdict, bar, progress, new HBox(8, joinButton, closeButton));
        root.setPadding(new Insets(12));
        root.setPrefWidth(480);
    }
}
