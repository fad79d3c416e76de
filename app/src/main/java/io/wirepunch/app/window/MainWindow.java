package io.wirepunch.app.window;

import io.wirepunch.app.settings.WindowPlacement;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window's life: placed where it was left, brought forward on request, and on close either
 * hidden (a tray icon remains to reopen it) or the app quit (nothing would be left to click).
 */
public final class MainWindow {
    static final double DEFAULT_WIDTH = 900;
    static final double DEFAULT_HEIGHT = 600;

    private final Stage stage;

    /** {@code onLastClose} runs when the window is closed where there is no tray. */
    public MainWindow(Stage stage, Parent content, Optional<WindowPlacement> placement, boolean trayAvailable, Runnable onLastClose) {
        this.stage = stage;
        stage.setTitle("Wirepunch");
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
        WindowPlacement place = placement.filter(MainWindow::onSomeScreen).orElse(null);
        stage.setScene(new Scene(content, place == null ? DEFAULT_WIDTH : place.width(), place == null ? DEFAULT_HEIGHT : place.height()));
        if (place != null) {
            stage.setX(place.x());
            stage.setY(place.y());
        }
        stage.setOnCloseRequest(event -> {
            if (trayAvailable) {
                event.consume();
                stage.hide();
            } else {
                onLastClose.run();
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the window in front, also when it was hidden or minimised. */
    public void reveal() {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    /**
     * Where the window is; empty until the toolkit placed and sized it (a window never shown has no
     * size, even when its position was set from the settings).
     */
    public Optional<WindowPlacement> placement() {
        if (!Double.isFinite(stage.getX()) || !Double.isFinite(stage.getY())
                || !Double.isFinite(stage.getWidth()) || !Double.isFinite(stage.getHeight())) {
            return Optional.empty();
        }
        return Optional.of(new WindowPlacement(stage.getX(), stage.getY(), Math.max(stage.getWidth(), WindowPlacement.MIN_WIDTH),
                Math.max(stage.getHeight(), WindowPlacement.MIN_HEIGHT)));
    }

    /** Calls {@code onMoved} with the new placement whenever the window is moved or resized. */
    public void onPlacementChange(Consumer<WindowPlacement> onMoved) {
        stage.xProperty().addListener((o, a, b) -> placement().ifPresent(onMoved));
        stage.yProperty().addListener((o, a, b) -> placement().ifPresent(onMoved));
        stage.widthProperty().addListener((o, a, b) -> placement().ifPresent(onMoved));
        stage.heightProperty().addListener((o, a, b) -> placement().ifPresent(onMoved));
    }

    /** A screen unplugged since the last run must not leave the window where nobody can see it. */
    static boolean onSomeScreen(WindowPlacement place) {
        return Screen.getScreensForRectangle(new Rectangle2D(place.x(), place.y(), place.width(), place.height())).size() > 0;
    }
}
