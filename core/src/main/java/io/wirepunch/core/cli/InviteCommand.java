package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.control.pb.ControlProtos;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks the running node for an invitation into one of its networks. */
@Command(name = "invite", mixinStandardHelpOptions = true, description = {
    "Print one invitation into a network of the running node, alone on stdout; on stderr, which network"
            + " and until when. It works once, and the peer that uses it becomes a trusted member.",
    "Without --network: the node's only network, or the network 'wirepunch' (10.77.0.0/16), created"
            + " when the node has none. A named network that does not exist yet is created."})
public final class InviteCommand implements Callable<Integer> {
    @Option(names = "--network", paramLabel = "NAME", description = "The network to invite into.")
    String network = "";

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "24h",
            description = "How long the invitation stays open, e.g. 30m, 1h, 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new CliException("--ttl must be longer than zero");
        }
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            ControlProtos.InviteReply reply = client.invite(network, Math.min(ttl.toSeconds(), Integer.MAX_VALUE));
            System.out.println(reply.getInvitation());
            System.out.flush();
            System.err.println("invite: into network " + reply.getNetwork() + ", open until " + reply.getExpiresAt());
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
