package io.wirepunch.core.cli;

import io.wirepunch.core.protocol.perf.PerfResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Measures throughput to any libp2p perf server. */
@Command(name = "perf", description = "Measure throughput with the libp2p perf protocol; prints one 'perf …' line.")
public final class PerfCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MULTIADDR", description = "The perf server's address, ending in /p2p/<peer id>.")
    String target;

    @Option(names = "--upload", paramLabel = "BYTES", defaultValue = "104857600", description = "Bytes to send (default: ${DEFAULT-VALUE}).")
    long upload;

    @Option(names = "--download", paramLabel = "BYTES", defaultValue = "104857600", description = "Bytes to receive (default: ${DEFAULT-VALUE}).")
    long download;

    @Override
    public Integer call() throws Exception {
        if (upload < 0 || download < 0) {
            throw new CliException("--upload and --download must not be negative");
        }
        return CliSupport.withConnection(target, (node, c) -> {
            PerfResult r = CliSupport.await(node.perf().measure(c, upload, download),
                    "perf run against " + c.remotePeer() + " failed");
            System.out.println(r.toLine());
            return 0;
        });
    }
}
