package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.control.pb.ControlProtos;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Has the running node carry a local TCP port to a peer's exposed port. */
@Command(name = "forward", mixinStandardHelpOptions = true, description = {
    "Have the running node listen on 127.0.0.1:LOCAL_PORT (0: a free port) and carry each connection to"
            + " PEER's exposed PORT over the p2p connection, like 'ssh -L'. PEER is a peer id, an address ending in /p2p/<id>,"
            + " or a member's host name from a network file. Prints 'forward 127.0.0.1:<port> <peer id>:<port>'.",
    "'forward --remove LOCAL_PORT' stops the forward listening there."})
public final class ForwardCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOCAL_PORT", description = "The local port to listen on.")
    int localPort;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PEER:PORT", description = "Where connections go.")
    String target;

    @Option(names = "--remove", description = "Stop the forward on LOCAL_PORT.")
    boolean remove;

    @Override
    public Integer call() {
        if (localPort < 0 || localPort > 65535) {
            throw new CliException("port " + localPort + " is outside 0–65535");
        }
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            ControlProtos.ForwardPortReply r;
            if (remove) {
                r = client.unforward(localPort);
                System.out.println("removed " + r.getLocalAddress() + " " + r.getPeer() + ":" + r.getRemotePort());
                return 0;
            }
            if (target == null) {
                throw new CliException("name where connections go, as PEER:PORT");
            }
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || colon == target.length() - 1) {
                throw new CliException("'" + target + "' is not PEER:PORT");
            }
            int remotePort;
            try {
                remotePort = Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CliException("'" + target.substring(colon + 1) + "' is not a port");
            }
            if (remotePort < 1 || remotePort > 65535) {
                throw new CliException("port " + remotePort + " is outside 1–65535");
            }
            r = client.forward(localPort, target.substring(0, colon), remotePort);
            System.out.println("forward " + r.getLocalAddress() + " " + r.getPeer() + ":" + r.getRemotePort());
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
