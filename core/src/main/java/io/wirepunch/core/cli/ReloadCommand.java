package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlClient;
import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.control.pb.ControlProtos;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Has the running node read its network files again. */
@Command(name = "reload", mixinStandardHelpOptions = true, description = {
    "Apply changed network files without a restart. Prints 'network <name>' for each network loaded;"
            + " a file that cannot be used is named with its line and problem on stderr, and exits 1."})
public final class ReloadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (ControlClient client = ControlClient.connect(ControlSocket.defaultPath())) {
            ControlProtos.ReloadReply r = client.reload();
            r.getNetworksList().forEach(n -> System.out.println("network " + n));
            System.out.flush();
            r.getProblemsList().forEach(p -> System.err.println("reload: " + p));
            return r.getProblemsCount() == 0 ? 0 : 1;
        } catch (ControlException e) {
            throw new CliException(e.getMessage());
        }
    }
}
