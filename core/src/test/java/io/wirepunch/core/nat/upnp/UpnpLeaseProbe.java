package io.wirepunch.core.nat.upnp;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Run inside a LAN namespace by {@link UpnpMiniupnpdTest}: listens on a port, maps it with a short
 * lease, prints {@code mapped <multiaddr>}, one {@code renewed <epoch ms>} per renewal and
 * {@code lost <reason>} if the mapping goes; on SIGTERM it closes the mapper, removing the mapping.
 * Arguments: port, lease in seconds.
 */
public final class UpnpLeaseProbe {
    private UpnpLeaseProbe() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[1]));
        try (ServerSocket listener = new ServerSocket(port)) {
            UpnpPortMapper mapper = new UpnpPortMapper(UpnpConfig.defaults().withLease(lease)
                    .withRenewRetry(Duration.ofSeconds(1)), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(mapper::close));
            PortMapping m;
            try {
                m = mapper.map(port).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("unavailable " + e.getCause().getMessage());
                return;
            }
            System.out.println("mapped " + m.externalMultiaddr());
            Instant last = m.renewedAt();
            while (true) {
                Thread.sleep(100);
                var now = mapper.current();
                if (now.isEmpty()) {
                    System.out.println("lost " + mapper.state().reason().orElse("?"));
                    return;
                }
                if (now.get().renewedAt().isAfter(last)) {
                    last = now.get().renewedAt();
                    System.out.println("renewed " + last.toEpochMilli());
                }
            }
        }
    }
}
