package io.wirepunch.core.cli;

import io.wirepunch.core.protocol.ping.PingInitiator;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Pings a peer with the libp2p ping protocol. */
@Command(name = "ping", description = "Ping a peer: prints 'pong <peer id> rtt=<ms>ms' per ping.")
public final class PingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MULTIADDR", description = "The peer's address, ending in /p2p/<peer id>;"
            + " <relay>/p2p-circuit/p2p/<peer id> pings through the relay.")
    String target;

    @Option(names = "--count", paramLabel = "N", defaultValue = "4", description = "How many pings (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "200", description = "Pause between pings in ms (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new CliException("--count must be at least 1, not " + count);
        }
        if (intervalMs < 0) {
            throw new CliException("--interval must not be negative, not " + intervalMs);
        }
        return CliSupport.withConnection(target, reachability.autonat(), (node, c) -> {
            PingInitiator ping = CliSupport.await(node.ping().open(c), "could not open a ping stream to " + c.remotePeer());
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    Thread.sleep(intervalMs);
                }
                Duration rtt = CliSupport.await(ping.ping(), "ping to " + c.remotePeer() + " failed");
                System.out.printf(Locale.ROOT, "pong %s rtt=%.3fms%n", c.remotePeer(), rtt.toNanos() / 1e6);
            }
            return 0;
        });
    }
}
