package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Switches the running node's taking part for others on or off. */
@Command(name = "participate", mixinStandardHelpOptions = true, description = {
    "Switch taking part for others on or off (relaying, when the node relays); prints 'participating on|off'."})
public final class ParticipateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "on|off", description = "on or off")
    String state;

    @Override
    public Integer call() {
        boolean on = switch (state) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CliException("say 'on' or 'off', not '" + state + "'");
        };
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            System.out.println("participating " + (client.participate(on) ? "on" : "off"));
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
