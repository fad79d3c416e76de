package io.wirepunch.core.cli;

import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code wirepunch dht provide}: tells the peers closest to a key that we provide it. */
@Command(name = "provide", mixinStandardHelpOptions = true,
        description = {"Announce this node as a provider of KEY; prints 'provided <cid> to <n> peers'.",
                "The peers closest to KEY are told; their records expire unless announced again."})
final class DhtProvideCommand extends DhtKeyQuery {
    @Override
    int query(Node node, Dht dht, PrintWriter out) throws Exception {
        int told = await(dht.provide(key.bytes()), "could not provide " + key.cid());
        out.println("provided " + key.cid() + " to " + told + " peers");
        return 0;
    }
}
