package io.wirepunch.app.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way from the engine's threads onto the JavaFX thread: nothing else in the app calls
 * {@link Platform#runLater}. Snapshots arrive faster than a screen can show them, so a
 * {@link #latest} consumer hands the FX thread only the newest value that is waiting.
 */
public final class FxBridge implements Executor {
    /** Runs {@code task} on the FX thread: now when already there, else at its next turn. */
    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    /** A consumer for any thread that delivers to {@code onFx} on the FX thread, dropping values overtaken before they were shown. */
    public <T> Consumer<T> latest(Consumer<T> onFx) {
        AtomicReference<T> waiting = new AtomicReference<>();
        return value -> {
            if (waiting.getAndSet(value) == null) {
                execute(() -> onFx.accept(waiting.getAndSet(null)));
            }
        };
    }

    /** Ends the toolkit; windows close and {@code Application.stop} runs. */
    public void exitToolkit() {
        Platform.exit();
    }
}
