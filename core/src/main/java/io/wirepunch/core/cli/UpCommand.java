package io.wirepunch.core.cli;

import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.forward.ForwardService;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.membership.NetworkDirectory;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.node.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code node}, plus the user's networks and the control API that {@code show}, {@code invite}, {@code join} and the rest use. */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
    "Run the user's node headless, as the app does: 'node' with the same options and lines, plus the"
            + " control API on a Unix socket only this user can open, announced first as 'control <path>'.",
    "It keeps its key, its networks (one WireHub-format file each, in networks/) and its open invitations in"
            + " the configuration directory: --config, else $WIREPUNCH_CONFIG, $XDG_CONFIG_HOME/wirepunch or"
            + " ~/.config/wirepunch. A missing key file is created (mode 0600).",
    "One node per user: if one runs already, says so and exits 1. 'wirepunch down' stops it."})
public final class UpCommand extends NodeCommand {
    /** The key file's name in the configuration directory. */
    static final String KEY_FILE = "key";
    /** The open invitations' file. */
    static final String INVITATIONS_FILE = "invitations";
    /** The directory of network files. */
    static final String NETWORKS_DIR = "networks";

    @Option(names = "--config", paramLabel = "DIR", description = "The configuration directory (see above).")
    Path configDir;

    private Path config() {
        return configDir != null ? configDir : UserDirs.config();
    }

    @Override
    protected PrivateKey loadKey() throws Exception {
        if (keyFile != null) {
            return super.loadKey();
        }
        Path file = config().resolve(KEY_FILE);
        if (!Files.exists(file)) {
            UserDirs.ensurePrivate(config());
            KeyFile.write(file, Keys.generateEd25519());
        }
        return KeyFile.read(file);
    }

    @Override
    protected Optional<UserServices> startServices(Node node) throws IOException {
        UserDirs.ensurePrivate(config());
        Networks networks = new Networks(node, new NetworkDirectory(config().resolve(NETWORKS_DIR)),
                InviteStore.open(config().resolve(INVITATIONS_FILE), Clock.systemUTC()), Clock.systemUTC());
        Networks.Reload loaded = networks.start();
        for (String problem : loaded.problems()) {
            System.err.println("up: warning: " + problem);
        }
        // Exposed ports answer members of the networks only.
        ForwardService forwards = new ForwardService(node.host(), peer -> networks.index().isMember(peer));
        forwards.start();
        return Optional.of(new UserServices(networks, forwards));
    }

    @Override
    protected boolean servesControl() {
        return true;
    }
}
