package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.control.pb.ControlProtos;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InvitationException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Has the running node join a network with an invitation. */
@Command(name = "join", mixinStandardHelpOptions = true, description = {
    "Join the network an invitation leads into: the running node finds the inviter (the invitation's"
            + " addresses, direct ones first, then through its relay, then the DHT), proves the invitation's"
            + " secret without sending it, adds the inviter as a trusted member and waits for a hole punch.",
    "Prints 'joined <network> <inviter> path=direct|relayed ipv4=… ipv6=… in <ms>ms'."})
public final class JoinCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INVITATION", description = "An invitation printed by 'wirepunch invite'.")
    String invitation;

    @Override
    public Integer call() {
        try {
            // Checked here first, so a mistyped paste is named without asking the node.
            Invitation.parse(invitation, Clock.systemUTC());
        } catch (InvitationException e) {
            throw new CliException(e.getMessage());
        }
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            ControlProtos.JoinReply r = client.join(invitation.strip());
            System.out.println("joined " + r.getNetwork() + " " + r.getInviter() + " path=" + r.getPath()
                    + (r.getRelay().isEmpty() ? "" : " relay=" + r.getRelay())
                    + (r.getIpv4().isEmpty() ? "" : " ipv4=" + r.getIpv4())
                    + (r.getIpv6().isEmpty() ? "" : " ipv6=" + r.getIpv6())
                    + " in " + r.getElapsedMillis() + "ms");
            return 0;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
