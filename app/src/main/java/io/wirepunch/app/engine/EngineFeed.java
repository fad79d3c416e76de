package io.wirepunch.app.engine;

import io.wirepunch.app.logs.LogTail;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.host.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the engine's events into what the window and the tray render. It runs on the engine's
 * thread, so the relay service is read where the engine reads it; the consumers decide which
 * thread they render on (the window through the FX bridge).
 */
public final class EngineFeed implements AutoCloseable {
    private final Engine engine;
    private final Optional<LogTail> log;
    private final Subscription subscription;

    public EngineFeed(Engine engine, Optional<LogTail> log, Consumer<WindowState> onState, Consumer<EngineEvent> onEvent) {
        this.engine = engine;
        this.log = log;
        this.subscription = engine.subscribe(event -> {
            if (event instanceof EngineEvent.StateChanged changed) {
                onState.accept(new WindowState(changed.snapshot(), RelayServiceState.of(engine), logLines()));
            } else {
                onEvent.accept(event);
            }
        });
    }

    /** The state now, for the first render before any event. */
    public WindowState current() {
        return new WindowState(engine.snapshot(), RelayServiceState.of(engine), logLines());
    }

    private List<String> logLines() {
        return log.map(LogTail::lines).orElse(List.of());
    }

    @Override
    public void close() {
        subscription.close();
    }
}
