package io.wirepunch.app.views.relay;

import io.wirepunch.core.protocol.relay.usage.UsageLimit;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** Usage against a limit, with the soft (90 %) and hard (93 %) marks drawn where the relay acts on them. */
final class LimitBar extends StackPane {
    final ProgressBar bar = new ProgressBar(0);

    LimitBar() {
        bar.setMaxWidth(Double.MAX_VALUE);
        Pane marks = new Pane(mark(UsageLimit.SOFT_LIMIT_FRACTION, "limit-soft-mark"), mark(UsageLimit.HARD_LIMIT_FRACTION, "limit-hard-mark"));
        marks.setMouseTransparent(true);
        getChildren().addAll(bar, marks);
    }

    private Region mark(double fraction, String styleClass) {
        Region line = new Region();
        line.getStyleClass().add(styleClass);
        line.setStyle("-fx-background-color: " + (fraction < UsageLimit.HARD_LIMIT_FRACTION ? "#d97706" : "#dc2626") + ";");
        line.setPrefWidth(2);
        line.layoutXProperty().bind(widthProperty().multiply(fraction));
        line.prefHeightProperty().bind(heightProperty());
        return line;
    }

    void setFraction(double fraction) {
        bar.setProgress(Math.max(0, Math.min(1, fraction)));
    }
}
