package io.wirepunch.core.cli;

import io.wirepunch.core.forward.ForwardService;
import io.wirepunch.core.membership.Networks;

/** What the user's node runs besides the engine: its networks and its port forwards. */
record UserServices(Networks networks, ForwardService forwards) {
    /** Stops the forwards, then the networks. */
    void stop() {
        forwards.stop();
        networks.stop();
    }
}
