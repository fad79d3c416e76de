package io.wirepunch.core.engine;

import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlServer;
import io.wirepunch.core.control.ControlService;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running node with what the user's node adds to it: the networks and port forwards of a
 * configuration directory, and the control API on the user's socket. {@code wirepunch node} runs
 * it bare, {@code wirepunch up} and the app with everything; one node per user answers on a socket.
 */
public final class UserNode {
    /** Starting and stopping the host is local work; this bounds it should a socket hang. */
    public static final Duration START_STOP_WAIT = Duration.ofSeconds(30);

    private final Node node;
    private final Optional<UserServices> services;
    private final Optional<ControlServer> control;

    private UserNode(Node node, Optional<UserServices> services, Optional<ControlServer> control) {
        this.node = node;
        this.services = services;
        this.control = control;
    }

    /** Refuses when a node answers on {@code socket} already. */
    public static void refuseIfRunning(Optional<Path> socket) {
        if (socket.isPresent() && ControlSocket.isAnswering(socket.get())) {
            throw new EngineAlreadyRunningException(socket.get());
        }
    }

    /**
     * Starts {@code node}, then, when a configuration directory is given, its networks and forwards,
     * then the control API on {@code socket}. When the services or the control API cannot start,
     * what started is stopped again before the failure is thrown.
     *
     * @param down what {@code wirepunch down} does, after its answer is sent
     * @throws EngineAlreadyRunningException when a node answers on {@code socket} already
     * @throws ControlException when the control API cannot be served
     * @throws IOException when the network files cannot be read
     */
    public static UserNode start(Node node, Optional<Path> configDir, Optional<Path> socket, Runnable down, Clock clock)
            throws Exception {
        refuseIfRunning(socket);
        node.start().toCompletableFuture().get(START_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Optional<UserServices> services = Optional.empty();
        try {
            if (configDir.isPresent()) {
                services = Optional.of(UserServices.start(node, configDir.get(), clock));
            }
            Optional<UserServices> started = services;
            Optional<ControlServer> control = socket.map(s -> ControlServer.start(s, new ControlService(node,
                    started.map(UserServices::networks), started.map(UserServices::forwards), down)));
            return new UserNode(node, services, control);
        } catch (IOException | RuntimeException e) {
            services.ifPresent(UserServices::stop);
            node.stop().toCompletableFuture().get(START_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public Node node() {
        return node;
    }

    public Optional<UserServices> services() {
        return services;
    }

    /** Where the control API listens, when it does. */
    public Optional<Path> controlSocket() {
        return control.map(ControlServer::socket);
    }

    /** Closes the control API, stops the services, then the node. */
    public void stop() throws Exception {
        control.ifPresent(ControlServer::close);
        services.ifPresent(UserServices::stop);
        node.stop().toCompletableFuture().get(START_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
