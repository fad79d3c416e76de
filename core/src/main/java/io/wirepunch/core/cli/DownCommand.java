package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Stops the user's running node. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the running node gracefully.")
public final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            client.down();
            System.out.println("down");
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
