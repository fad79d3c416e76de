package io.wirepunch.app.engine;

import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.core.engine.DemoNetwork;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSettings;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The engine the app runs, the user's own or the demo's, with how to start and stop all of it
 * (the demo's other nodes start after the engine and stop with it).
 */
public record RunningEngine(Engine engine, Supplier<CompletionStage<Void>> starter, Supplier<CompletionStage<Void>> stopper) {
    public CompletionStage<Void> start() {
        return starter.get();
    }

    public CompletionStage<Void> stop() {
        return stopper.get();
    }

    /** The user's node, as the settings say. */
    public static RunningEngine forUser(AppSettings settings) {
        Engine engine = new Engine(EngineSettingsFromApp.apply(settings, EngineSettings.forUser()));
        return new RunningEngine(engine, engine::start, engine::stop);
    }

    /** The demo: the engine on a network of real nodes on loopback, in a temporary directory. */
    public static RunningEngine demo() throws Exception {
        DemoNetwork demo = DemoNetwork.create();
        return new RunningEngine(demo.engine(), demo::start, demo::stop);
    }
}
