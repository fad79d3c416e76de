package io.wirepunch.core.cli;

import io.wirepunch.core.engine.UserFiles;
import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.identity.PrivateKey;
import java.nio.file.Path;
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
    @Option(names = "--config", paramLabel = "DIR", description = "The configuration directory (see above).")
    Path configDir;

    private Path config() {
        return configDir != null ? configDir : UserDirs.config();
    }

    @Override
    protected PrivateKey loadKey() throws Exception {
        return keyFile != null ? super.loadKey() : UserFiles.loadOrCreateKey(config());
    }

    @Override
    protected Optional<Path> userConfig() {
        return Optional.of(config());
    }

    @Override
    protected boolean servesControl() {
        return true;
    }
}
