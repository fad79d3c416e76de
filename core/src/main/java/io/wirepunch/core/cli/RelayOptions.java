package io.wirepunch.core.cli;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.wirepunch.core.protocol.relay.AutoRelay;
import picocli.CommandLine.Option;

/** The relay options of {@code node}: relaying for others, and keeping reservations on relays. */
final class RelayOptions {
    /** The XDG base directory variable for user data. */
    static final String XDG_DATA_HOME = "XDG_DATA_HOME";
    /** Where user data goes when XDG_DATA_HOME is unset, relative to the home directory (the XDG default). */
    static final Path DEFAULT_DATA_HOME = Path.of(".local", "share");
    static final String APP_DIR = "wirepunch";

    @Option(names = "--relay-service", description = "Also serve as a relay (circuit relay v2), within the limits"
            + " of --relay-config, or the defaults.")
    boolean relayService;

    @Option(names = "--relay-config", paramLabel = "FILE",
            description = "The relay's limits and usage accounting, JSON (network_usage, reservations, circuits).")
    Path relayConfig;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the relay keeps stats.json and its archive"
            + " (default: $XDG_DATA_HOME/wirepunch, or ~/.local/share/wirepunch).")
    Path dataDir;

    @Option(names = "--relay", paramLabel = "MULTIADDR", description = "A relay to keep a reservation on, ending in"
            + " /p2p/<relay id>; repeatable. Prints 'listen <relay>/p2p-circuit/p2p/<peer id>' once reserved.")
    List<String> relays = new ArrayList<>();

    @Option(names = "--auto-relay", paramLabel = "MODE", converter = AutoRelayModeConverter.class,
            description = "Reserve on " + AutoRelay.DESIRED_RESERVATIONS + " relays found through identify and the DHT:"
                    + " 'auto' while the node is found private (default), 'always', or 'off'; prints the same listen lines.")
    AutoRelay.Mode autoRelay = AutoRelay.Mode.AUTO;

    /** The relays to reserve on, each naming its peer; none may be a circuit address itself. */
    List<Multiaddr> relayAddrs() {
        List<Multiaddr> out = new ArrayList<>();
        for (String text : relays) {
            Multiaddr addr = CliSupport.parseTarget(text);
            if (addr.isCircuit()) {
                throw new CliException("--relay " + text + ": a relay must be reached directly, not through /p2p-circuit");
            }
            out.add(addr);
        }
        return out;
    }

    /** The relay service's settings when asked for; the file is read and checked here, before any socket opens. */
    Optional<RelayServiceSettings> serviceSettings() throws IOException {
        if (!relayService) {
            if (relayConfig != null || dataDir != null) {
                throw new CliException("--relay-config and --data-dir only apply with --relay-service");
            }
            return Optional.empty();
        }
        RelayConfigFile file = relayConfig == null ? RelayConfigFile.DEFAULTS : RelayConfigFile.read(relayConfig);
        RelayServiceSettings settings = new RelayServiceSettings(file, dataDir != null ? dataDir : defaultDataDir(System.getenv()));
        settings.serviceLimits();
        return Optional.of(settings);
    }

    /** {@code $XDG_DATA_HOME/wirepunch} when that is an absolute path (as the XDG spec asks), else {@code ~/.local/share/wirepunch}. */
    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get(XDG_DATA_HOME);
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, APP_DIR);
        }
        return Path.of(System.getProperty("user.home")).resolve(DEFAULT_DATA_HOME).resolve(APP_DIR);
    }
}
