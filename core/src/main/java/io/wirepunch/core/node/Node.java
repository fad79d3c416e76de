package io.wirepunch.core.node;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.autonat.AutoNatService;
import io.wirepunch.core.protocol.identify.IdentifyService;
import io.wirepunch.core.protocol.perf.PerfService;
import io.wirepunch.core.protocol.ping.PingService;
import java.util.concurrent.CompletionStage;

/**
 * The engine as the CLI and the app see it: a host with its built-in services (identify, ping,
 * AutoNAT with the observed addresses and, when asked for, the perf server). Later services (DHT,
 * relay, punching) hang off this too.
 */
public final class Node {
    private final Host host;
    private final IdentifyService identify;
    private final PingService ping;
    private final PerfService perf;
    private final AutoNatService autonat;
    private final boolean servePerf;

    public Node(HostConfig config, boolean servePerf) {
        this(config, servePerf, AutoNatConfig.defaults());
    }

    /** With reachability settings, e.g. {@code --public-ranges} for a testbed. */
    public Node(HostConfig config, boolean servePerf, AutoNatConfig autonatConfig) {
        this.host = new Host(config);
        this.identify = new IdentifyService(host);
        this.ping = new PingService(host);
        this.perf = new PerfService(host);
        this.autonat = new AutoNatService(host, autonatConfig, config.clock());
        this.servePerf = servePerf;
    }

    public CompletionStage<Void> start() {
        identify.start();
        ping.start();
        autonat.start();
        if (servePerf) {
            perf.serve();
        }
        return host.start();
    }

    public CompletionStage<Void> stop() {
        autonat.stop();
        return host.stop();
    }

    public Host host() {
        return host;
    }

    public IdentifyService identify() {
        return identify;
    }

    public PingService ping() {
        return ping;
    }

    public PerfService perf() {
        return perf;
    }

    /** Reachability: observed addresses, NAT mapping, AutoNAT server and probes. */
    public AutoNatService autonat() {
        return autonat;
    }
}
