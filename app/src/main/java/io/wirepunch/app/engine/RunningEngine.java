package io.wirepunch.app.engine;

import io.wirepunch.app.settings.AppSettings;
import io.wirepunch.core.engine.DemoNetwork;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSettings;
import java.util.concurrent.CompletionStage;

/** The engine the app runs, the user's own or the demo's, with how to start and stop all of it. */
public interface RunningEngine {
    Engine engine();

    CompletionStage<Void> start();

    CompletionStage<Void> stop();

    /** The user's node, as the settings say. */
    static RunningEngine forUser(AppSettings settings) {
        Engine engine = new Engine(EngineSettingsFromApp.apply(settings, EngineSettings.forUser()));
        return new RunningEngine() {
            @Override
            public Engine engine() {
                return engine;
            }

            @Override
            public CompletionStage<Void> start() {
                return engine.start();
            }

            @Override
            public CompletionStage<Void> stop() {
                return engine.stop();
            }
        };
    }

    /** The demo: the engine on a network of real nodes on loopback, in a temporary directory. */
    static RunningEngine demo() throws Exception {
        DemoNetwork demo = DemoNetwork.create();
        return new RunningEngine() {
            @Override
            public Engine engine() {
                return demo.engine();
            }

            @Override
            public CompletionStage<Void> start() {
                return demo.start();
            }

            @Override
            public CompletionStage<Void> stop() {
                return demo.stop();
            }
        };
    }
}
