package io.wirepunch.core.nat.upnp;

import io.wirepunch.core.host.Subscription;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PortMapper} speaking UPnP IGD: SSDP discovery and SOAP calls through weupnp. One thread
 * runs the mapping and its renewals; each call to the gateway runs on a helper thread and is given
 * up after its timeout, so a gateway that never answers delays nothing beyond the limits in
 * {@link UpnpConfig}.
 */
public final class UpnpPortMapper implements PortMapper {
    private static final Logger log = LoggerFactory.getLogger(UpnpPortMapper.class);
    static final String PROTOCOL = "TCP";
    /** Random external ports are drawn from here when the internal one is taken. */
    static final int LOWEST_RANDOM_PORT = 1024;
    static final int HIGHEST_PORT = 65535;

    private final UpnpConfig config;
    private final GatewayFinder finder;
    private final Clock clock;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean mapCalled = new AtomicBoolean();
    private final CompletableFuture<PortMapping> result = new CompletableFuture<>();

    // guarded by this
    private PortMapperState.Phase phase = PortMapperState.Phase.IDLE;
    private Optional<String> reason = Optional.empty();
    private Optional<Inet4Address> externalIp = Optional.empty();
    private Optional<PortMapping> mapping = Optional.empty();
    private final Deque<String> errors = new ArrayDeque<>();
    private boolean closed;
    // written only on the scheduler thread
    private volatile Gateway gateway;
    private int internalPort;
    private Duration lease;
    private ScheduledFuture<?> renewal;
    /** The discovery under way, cancelled by {@link #close()} so closing need not wait for it. */
    private volatile Future<?> discovery;

    public UpnpPortMapper(UpnpConfig config, Clock clock) {
        this(config, new WeupnpGatewayFinder(), clock, new Random());
    }

    UpnpPortMapper(UpnpConfig config, GatewayFinder finder, Clock clock, Random random) {
        this.config = config;
        this.finder = finder;
        this.clock = clock;
        this.random = random;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "upnp-mapper"));
        this.io = Executors.newCachedThreadPool(r -> daemon(r, "upnp-io"));
        this.lease = config.lease();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public UpnpConfig config() {
        return config;
    }

    @Override
    public CompletionStage<PortMapping> map(int port) {
        if (port < 1 || port > HIGHEST_PORT) {
            throw new IllegalArgumentException("port must be 1 to " + HIGHEST_PORT + ", not " + port);
        }
        if (!mapCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("map was already called on this mapper");
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new PortMappingException("the port mapper is closed"));
            }
            phase = PortMapperState.Phase.MAPPING;
        }
        this.internalPort = port;
        scheduler.execute(this::mapNow);
        return result.copy();
    }

    private void mapNow() {
        try {
            gateway = discover();
            synchronized (this) {
                reasonless();
            }
            Inet4Address ip = readExternalIp();
            PortMapping m = addMapping(ip, candidatePorts());
            boolean stillOpen;
            synchronized (this) {
                // kept even when closed meanwhile: the removal queued behind this task deletes it
                mapping = Optional.of(m);
                stillOpen = !closed;
                if (stillOpen) {
                    phase = PortMapperState.Phase.MAPPED;
                }
            }
            if (!stillOpen) {
                throw new PortMappingException("the port mapper was closed while mapping");
            }
            log.info("UPnP: {} forwards {} to {}", gateway.description(), m.externalMultiaddr(), m.internalMultiaddr());
            scheduleRenewal(m);
            // Listeners first: whoever waits on the result finds the address sources already told.
            changed();
            result.complete(m);
        } catch (PortMappingException e) {
            fail(e.getMessage());
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            String why = "unexpected failure: " + e;
            fail(why);
            log.warn("UPnP mapping failed", e);
            result.completeExceptionally(new PortMappingException(why, e));
        }
    }

    /** The finder within its timeout plus the description fetch, on a helper thread close can cancel. */
    private Gateway discover() throws PortMappingException {
        Duration limit = config.discoveryTimeout().plus(config.httpTimeout().multipliedBy(2));
        Future<Gateway> f;
        synchronized (this) {
            if (closed) {
                throw new PortMappingException("the port mapper was closed");
            }
            f = io.submit(() -> finder.find(config.discoveryTimeout(), config.httpTimeout()));
            discovery = f;
        }
        try {
            return await("discovery", f, limit);
        } catch (PortMappingException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new PortMappingException("no UPnP gateway answered within " + limit.toMillis() + " ms");
            }
            throw e;
        } finally {
            discovery = null;
        }
    }

    private synchronized void reasonless() {
        reason = Optional.empty();
    }

    private synchronized void fail(String why) {
        if (phase != PortMapperState.Phase.CLOSED) {
            phase = PortMapperState.Phase.UNAVAILABLE;
        }
        reason = Optional.of(why);
        error(why);
    }

    private synchronized void error(String message) {
        errors.addLast(clock.instant() + " " + message);
        while (errors.size() > UpnpConfig.MAX_ERRORS_KEPT) {
            errors.removeFirst();
        }
    }

    private Inet4Address readExternalIp() throws PortMappingException {
        Map<String, String> reply = soap("GetExternalIPAddress", Map.of());
        try {
            UpnpResponses.check("GetExternalIPAddress", reply);
        } catch (UpnpResponses.GatewayError e) {
            throw new PortMappingException(e.getMessage(), e);
        }
        Inet4Address ip = UpnpResponses.externalIp(reply);
        synchronized (this) {
            externalIp = Optional.of(ip);
        }
        return ip;
    }

    /** The internal port, then random others, without repeats. */
    List<Integer> candidatePorts() {
        Set<Integer> ports = new LinkedHashSet<>();
        ports.add(internalPort);
        while (ports.size() < config.portAttempts()) {
            ports.add(LOWEST_RANDOM_PORT + random.nextInt(HIGHEST_PORT - LOWEST_RANDOM_PORT + 1));
        }
        return new ArrayList<>(ports);
    }

    /** Asks for each port in turn until the gateway grants one; conflicts move on, other refusals stop. */
    private PortMapping addMapping(Inet4Address ip, List<Integer> ports) throws PortMappingException {
        PortMappingException last = null;
        for (int external : ports) {
            try {
                return addOne(ip, external, clock.instant());
            } catch (UpnpResponses.GatewayError e) {
                error(e.getMessage());
                last = new PortMappingException(e.getMessage() + " (external port " + external + ")", e);
                if (e.code != UpnpResponses.CONFLICT_IN_MAPPING_ENTRY && e.code != UpnpResponses.CONFLICT_WITH_OTHER_MECHANISMS) {
                    throw last;
                }
            }
        }
        throw new PortMappingException("every external port tried (" + ports + ") is taken: " + last.getMessage(), last);
    }

    /** One AddPortMapping; a gateway that only grants permanent leases is asked again for one. */
    private PortMapping addOne(Inet4Address ip, int external, Instant at)
            throws PortMappingException, UpnpResponses.GatewayError {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewRemoteHost", "");
        args.put("NewExternalPort", Integer.toString(external));
        args.put("NewProtocol", PROTOCOL);
        args.put("NewInternalPort", Integer.toString(internalPort));
        args.put("NewInternalClient", gateway.localAddress().getHostAddress());
        args.put("NewEnabled", "1");
        args.put("NewPortMappingDescription", config.description());
        args.put("NewLeaseDuration", Long.toString(lease.toSeconds()));
        try {
            UpnpResponses.check("AddPortMapping", soap("AddPortMapping", args));
        } catch (UpnpResponses.GatewayError e) {
            if (e.code != UpnpResponses.ONLY_PERMANENT_LEASES_SUPPORTED || lease.isZero()) {
                throw e;
            }
            error(e.getMessage() + "; asking for a permanent mapping instead");
            lease = Duration.ZERO;
            args.put("NewLeaseDuration", "0");
            UpnpResponses.check("AddPortMapping", soap("AddPortMapping", args));
        }
        return new PortMapping(new InetSocketAddress(ip, external),
                new InetSocketAddress(gateway.localAddress(), internalPort), lease, at, at);
    }

    private void scheduleRenewal(PortMapping m) {
        if (m.lease().isZero()) {
            return;
        }
        scheduleRenewalIn(m.lease().dividedBy(UpnpConfig.RENEW_DIVISOR));
    }

    private synchronized void scheduleRenewalIn(Duration delay) {
        if (closed) {
            return;
        }
        Duration d = delay.compareTo(UpnpConfig.MIN_RETRY) < 0 ? UpnpConfig.MIN_RETRY : delay;
        renewal = scheduler.schedule(this::renew, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks again for the same port (re-reading the external IP, which may have changed). A failed
     * renewal is retried; once the lease has run out the mapping is dropped from {@link #current()}
     * and the next tries may take any free port.
     */
    private void renew() {
        Optional<PortMapping> before;
        synchronized (this) {
            if (closed) {
                return;
            }
            before = mapping;
        }
        Instant now = clock.instant();
        try {
            Inet4Address ip = readExternalIp();
            PortMapping m;
            if (before.isPresent()) {
                try {
                    m = addOne(ip, before.get().external().getPort(), before.get().mappedAt());
                    m = new PortMapping(m.external(), m.internal(), m.lease(), before.get().mappedAt(), now);
                } catch (UpnpResponses.GatewayError e) {
                    throw new PortMappingException(e.getMessage(), e);
                }
            } else {
                m = addMapping(ip, candidatePorts());
            }
            boolean changed;
            synchronized (this) {
                if (closed) {
                    return;
                }
                changed = mapping.isEmpty() || !mapping.get().external().equals(m.external());
                mapping = Optional.of(m);
                phase = PortMapperState.Phase.MAPPED;
                reason = Optional.empty();
            }
            log.debug("UPnP: renewed {} for {}", m.externalMultiaddr(), m.lease());
            scheduleRenewal(m);
            if (changed) {
                changed();
            }
        } catch (PortMappingException | RuntimeException e) {
            String why = "renewal failed: " + e.getMessage();
            boolean lost = false;
            synchronized (this) {
                if (closed) {
                    return;
                }
                error(why);
                if (mapping.isPresent() && !now.isBefore(mapping.get().expiresAt())) {
                    mapping = Optional.empty();
                    phase = PortMapperState.Phase.UNAVAILABLE;
                    reason = Optional.of("the lease ran out and the gateway did not renew it: " + e.getMessage());
                    lost = true;
                }
            }
            Duration retry = config.renewRetry();
            if (before.isPresent() && !lost) {
                Duration left = Duration.between(now, before.get().expiresAt());
                Duration half = left.dividedBy(2);
                retry = half.compareTo(retry) < 0 ? half : retry;
            }
            scheduleRenewalIn(retry);
            if (lost) {
                log.warn("UPnP mapping lost: {}", e.getMessage());
                changed();
            }
        }
    }

    private Map<String, String> soap(String action, Map<String, String> args) throws PortMappingException {
        return bounded(action, config.httpTimeout().multipliedBy(2), () -> {
            try {
                return gateway.call(action, args);
            } catch (IOException e) {
                throw new PortMappingException(action + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
        });
    }

    /** Runs {@code work} on a helper thread and gives up after {@code limit}. */
    private <T> T bounded(String what, Duration limit, Callable<T> work) throws PortMappingException {
        Future<T> f;
        try {
            f = io.submit(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new PortMappingException("the port mapper is closed");
        }
        return await(what, f, limit);
    }

    private static <T> T await(String what, Future<T> f, Duration limit) throws PortMappingException {
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PortMappingException(what + ": the gateway did not answer within " + limit.toMillis() + " ms", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw new PortMappingException("the port mapper was closed");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new PortMappingException(what + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PortMappingException p) {
                throw p;
            }
            throw new PortMappingException(what + " failed: " + UpnpResponses.printable(String.valueOf(cause)), cause);
        }
    }

    @Override
    public synchronized Optional<PortMapping> current() {
        return mapping;
    }

    @Override
    public synchronized PortMapperState state() {
        return new PortMapperState(phase, Optional.ofNullable(gateway).map(Gateway::description),
                externalIp.map(java.net.InetAddress.class::cast), reason, mapping, new ArrayList<>(errors));
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("UPnP change listener failed", e);
            }
        }
    }

    /** How long {@link #close()} waits at most: a mapping under way, then the removal. */
    public Duration closeTimeout() {
        return config.mapDeadline().plus(config.httpTimeout().multipliedBy(2));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
            Future<?> d = discovery;
            if (d != null) {
                d.cancel(true);
            }
        }
        Future<?> removal;
        try {
            removal = scheduler.submit(this::removeMapping);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return;
        }
        try {
            removal.get(closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            error("removing the mapping did not finish: " + e);
        } finally {
            scheduler.shutdownNow();
            io.shutdownNow();
            result.completeExceptionally(new PortMappingException("the port mapper was closed"));
        }
    }

    private void removeMapping() {
        Optional<PortMapping> m;
        synchronized (this) {
            m = mapping;
            mapping = Optional.empty();
            phase = PortMapperState.Phase.CLOSED;
        }
        if (m.isEmpty() || gateway == null) {
            return;
        }
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewRemoteHost", "");
        args.put("NewExternalPort", Integer.toString(m.get().external().getPort()));
        args.put("NewProtocol", PROTOCOL);
        try {
            UpnpResponses.check("DeletePortMapping", soap("DeletePortMapping", args));
            log.info("UPnP: removed {}", m.get().externalMultiaddr());
        } catch (PortMappingException | UpnpResponses.GatewayError e) {
            error("could not remove " + m.get().externalMultiaddr() + ": " + e.getMessage());
            log.warn("UPnP: could not remove {}: {}", m.get().externalMultiaddr(), e.getMessage());
        }
        changed();
    }
}
