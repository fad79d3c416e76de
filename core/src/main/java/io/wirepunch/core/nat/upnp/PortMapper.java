package io.wirepunch.core.nat.upnp;

import io.wirepunch.core.host.Subscription;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Asks the router to forward a TCP port to this machine and keeps the mapping until closed. Every
 * method returns at once; the network work happens on the mapper's own threads, within bounded time.
 */
public interface PortMapper extends AutoCloseable {
    /**
     * Finds the gateway and forwards a port to {@code internalPort} on this machine, renewing the
     * lease until {@link #close()}. Completes with the mapping, or exceptionally with a
     * {@link PortMappingException} saying why not. Called once per mapper.
     *
     * @param internalPort the TCP port listening here, 1 to 65535
     */
    CompletionStage<PortMapping> map(int internalPort);

    /** The mapping as it stands now: empty before it is made, after it is lost, and after close. */
    Optional<PortMapping> current();

    /** Everything a report shows: gateway, mapping, lease, last renewal, errors. */
    PortMapperState state();

    /** Runs {@code listener} whenever {@link #current()} may have changed (mapped, lost, regained, closed). */
    Subscription onChange(Runnable listener);

    /** Stops renewing and removes the mapping from the gateway, waiting a bounded time for it to answer. */
    @Override
    void close();
}
