package io.wirepunch.core.engine;

import io.wirepunch.core.protocol.relay.Scheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where the engine's time and work come from: the clock its snapshots and status read, the
 * scheduler of its once-a-second snapshot, and the one thread (an executor that runs tasks in turn)
 * that starts and stops the node, takes snapshots and delivers events. Tests move the scheduler by hand.
 */
public record EngineRuntime(Clock clock, Scheduler ticks, Executor worker) {
    public EngineRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticks, "ticks");
        Objects.requireNonNull(worker, "worker");
    }
}
