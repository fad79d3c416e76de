package io.wirepunch.core.engine;

import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.forward.ForwardService;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.membership.NetworkDirectory;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.node.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What the user's node runs besides the engine: its networks (files in the configuration
 * directory) and its port forwards.
 *
 * @param problems one sentence for each network file the first load could not use
 */
public record UserServices(Networks networks, ForwardService forwards, List<String> problems) {
    public UserServices {
        problems = List.copyOf(problems);
    }

    /** Loads the networks from {@code configDir} and starts them and the forwards; {@code node} must run. */
    public static UserServices start(Node node, Path configDir, Clock clock) throws IOException {
        UserDirs.ensurePrivate(configDir);
        Networks networks = new Networks(node, new NetworkDirectory(configDir.resolve(UserFiles.NETWORKS_DIR)),
                InviteStore.open(configDir.resolve(UserFiles.INVITATIONS_FILE), clock), clock);
        Networks.Reload loaded = networks.start();
        // Exposed ports answer members of the networks only.
        ForwardService forwards = new ForwardService(node.host(), peer -> networks.index().isMember(peer));
        forwards.start();
        return new UserServices(networks, forwards, loaded.problems());
    }

    /** Stops the forwards, then the networks. */
    public void stop() {
        forwards.stop();
        networks.stop();
    }
}
