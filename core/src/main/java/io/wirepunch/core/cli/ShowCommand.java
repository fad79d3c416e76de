package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks the running node for its peers, like {@code wg show}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = {
    "Show the running node and its peers (path, endpoint, latest handshake, transfer), like 'wg show'.",
    "--json prints the stable JSON documented in docs/SHOW.md."})
public final class ShowCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            String reply = client.showJson();
            System.out.println(json ? reply : ShowText.of(reply));
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
