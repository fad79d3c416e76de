package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Host;
import java.time.Clock;

/**
 * Serves AutoNAT: dials requesters back at their own IP, within the limits of its
 * {@link AutoNatServerConfig}. Starting and stopping registers and unregisters the protocol, so
 * identify tells peers whether we serve.
 */
public final class AutoNatServer {
    private final Host host;
    private final DialBackHandler handler;

    public AutoNatServer(Host host, AutoNatServerConfig config, Clock clock) {
        this(host, config, clock, new HostDialBacker(host));
    }

    AutoNatServer(Host host, AutoNatServerConfig config, Clock clock, DialBacker dialer) {
        this.host = host;
        this.handler = new DialBackHandler(config, new DialBackLimiter(clock, config), dialer, () -> OwnIps.of(host));
    }

    public void start() {
        host.protocols().register(AutoNatProtocol.ID, stream -> AutoNatResponder.install(stream.channel(),
                stream.remotePeer(), stream.connection().remoteAddr(), handler));
    }

    /** New requests are refused from now on; those under way finish. */
    public void stop() {
        host.protocols().unregister(AutoNatProtocol.ID);
    }
}
