package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lets the members of the running node's networks reach a local TCP port. */
@Command(name = "expose", mixinStandardHelpOptions = true, description = {
    "Let members of the running node's networks reach 127.0.0.1:PORT through 'wirepunch forward' on their"
            + " side (/wirepunch/forward/1.0.0); nobody else, and no other port. --remove stops it.",
    "Prints 'exposed <port> <port>...': every port exposed now."})
public final class ExposeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PORT", description = "The local TCP port, 1 to 65535.")
    int port;

    @Option(names = "--remove", description = "Stop exposing PORT; its open connections are reset.")
    boolean remove;

    @Override
    public Integer call() {
        if (port < 1 || port > 65535) {
            throw new CliException("port " + port + " is outside 1–65535");
        }
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            List<Integer> exposed = client.expose(port, remove);
            System.out.println(("exposed " + exposed.stream().map(String::valueOf).collect(Collectors.joining(" "))).strip());
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
