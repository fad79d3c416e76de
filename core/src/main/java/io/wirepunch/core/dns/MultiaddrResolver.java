package io.wirepunch.core.dns;

import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code /dns}, {@code /dns4}, {@code /dns6} and {@code /dnsaddr} multiaddrs into the
 * {@code /ip4} and {@code /ip6} ones they stand for. A {@code /dnsaddr/<domain>} reads the TXT
 * records of {@code _dnsaddr.<domain>}, each {@code dnsaddr=<multiaddr>}; only the records that end
 * in what followed the domain (its {@code /p2p/<id>}) are kept, and they may be names again. The
 * blocking lookups run on a small pool of daemon threads, never on the caller's (an event loop's).
 */
public final class MultiaddrResolver {
    private static final Logger log = LoggerFactory.getLogger(MultiaddrResolver.class);

    /** /dnsaddr records that point at /dnsaddr records, at most this deep; cycles end here. */
    public static final int MAX_DNSADDR_DEPTH = 4;
    /** Addresses one resolution returns at most; the rest are dropped. */
    public static final int MAX_RESOLVED_ADDRS = 64;
    /** TXT records read per /dnsaddr name at most; the rest are ignored. */
    public static final int MAX_TXT_RECORDS = 32;
    /** How long a whole resolution may take, every lookup in it together. */
    public static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    /** Lookup threads; resolutions beyond them wait in a queue of {@link #MAX_QUEUED_RESOLUTIONS}. */
    public static final int LOOKUP_THREADS = 2;
    public static final int MAX_QUEUED_RESOLUTIONS = 256;

    static final String TXT_PREFIX = "_dnsaddr.";
    static final String RECORD_PREFIX = "dnsaddr=";

    private static final class SharedPool {
        static final Executor EXECUTOR = newPool();

        private static Executor newPool() {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(MAX_QUEUED_RESOLUTIONS), r -> {
                        Thread t = new Thread(r, "wirepunch-dns-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private final TxtLookup txt;
    private final HostLookup hosts;
    private final Executor executor;
    private final Duration timeout;

    public MultiaddrResolver(TxtLookup txt, HostLookup hosts, Executor executor, Duration timeout) {
        this.txt = txt;
        this.hosts = hosts;
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Looks names up through {@code txt} and {@code hosts} on the shared lookup threads. */
    public static MultiaddrResolver of(TxtLookup txt, HostLookup hosts) {
        return new MultiaddrResolver(txt, hosts, SharedPool.EXECUTOR, LOOKUP_TIMEOUT);
    }

    /** The system's DNS servers and resolver. */
    public static MultiaddrResolver system() {
        SystemDns dns = new SystemDns(LOOKUP_TIMEOUT);
        return of(dns, dns);
    }

    /** Whether the address starts with a name to look up. */
    public static boolean needsResolution(Multiaddr addr) {
        if (addr.components().isEmpty()) {
            return false;
        }
        return switch (addr.components().get(0).protocol()) {
            case DNS, DNS4, DNS6, DNSADDR -> true;
            default -> false;
        };
    }

    /**
     * The addresses {@code addr} stands for, at most {@link #MAX_RESOLVED_ADDRS}; an address that
     * needs no resolution comes back as itself. Fails with a {@link DnsResolutionException} naming
     * the name when nothing resolves.
     */
    public CompletionStage<List<Multiaddr>> resolve(Multiaddr addr) {
        if (!needsResolution(addr)) {
            return CompletableFuture.completedFuture(List.of(addr));
        }
        CompletableFuture<List<Multiaddr>> result;
        try {
            result = CompletableFuture.supplyAsync(() -> resolveNow(addr), executor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new DnsResolutionException(
                    "cannot resolve " + addr + ": too many lookups under way", e));
        }
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                cause = new DnsResolutionException("resolving " + addr + " took longer than " + timeout.toMillis() + " ms");
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private List<Multiaddr> resolveNow(Multiaddr addr) {
        List<Multiaddr> out = new ArrayList<>();
        resolveInto(addr, 0, out);
        if (out.isEmpty()) {
            throw new DnsResolutionException(addr + " resolved to no address");
        }
        return List.copyOf(out);
    }

    private void resolveInto(Multiaddr addr, int depth, List<Multiaddr> out) {
        if (out.size() >= MAX_RESOLVED_ADDRS) {
            log.debug("{} not resolved: {} addresses already", addr, MAX_RESOLVED_ADDRS);
            return;
        }
        if (!needsResolution(addr)) {
            out.add(addr);
            return;
        }
        Component first = addr.components().get(0);
        List<Component> rest = addr.components().subList(1, addr.components().size());
        if (first.protocol() == Protocol.DNSADDR) {
            resolveDnsaddr(addr, first.valueText(), rest, depth, out);
        } else {
            resolveHost(first, rest, out);
        }
    }

    private void resolveHost(Component first, List<Component> rest, List<Multiaddr> out) {
        String name = first.valueText();
        List<InetAddress> found;
        try {
            found = hosts.addresses(name);
        } catch (IOException | RuntimeException e) {
            throw new DnsResolutionException("the name " + name + " does not resolve (" + e.getMessage() + ")", e);
        }
        int added = 0;
        for (InetAddress ip : found) {
            boolean v4 = ip instanceof Inet4Address;
            if ((first.protocol() == Protocol.DNS4 && !v4) || (first.protocol() == Protocol.DNS6 && !(ip instanceof Inet6Address))) {
                continue;
            }
            if (out.size() >= MAX_RESOLVED_ADDRS) {
                log.debug("{}: addresses beyond {} dropped", name, MAX_RESOLVED_ADDRS);
                break;
            }
            List<Component> components = new ArrayList<>(rest.size() + 1);
            components.add(Component.ofBytes(v4 ? Protocol.IP4 : Protocol.IP6, ip.getAddress()));
            components.addAll(rest);
            out.add(Multiaddr.of(components));
            added++;
        }
        if (added == 0 && out.size() < MAX_RESOLVED_ADDRS) {
            String family = switch (first.protocol()) {
                case DNS4 -> "IPv4 ";
                case DNS6 -> "IPv6 ";
                default -> "";
            };
            throw new DnsResolutionException("the name " + name + " has no " + family + "address");
        }
    }

    private void resolveDnsaddr(Multiaddr addr, String domain, List<Component> suffix, int depth, List<Multiaddr> out) {
        if (depth >= MAX_DNSADDR_DEPTH) {
            throw new DnsResolutionException("the /dnsaddr records of " + domain + " nest deeper than "
                    + MAX_DNSADDR_DEPTH + " levels");
        }
        List<String> records;
        try {
            records = txt.txt(TXT_PREFIX + domain);
        } catch (IOException | RuntimeException e) {
            throw new DnsResolutionException("the name " + TXT_PREFIX + domain + " does not resolve ("
                    + e.getMessage() + ")", e);
        }
        if (records.size() > MAX_TXT_RECORDS) {
            log.debug("{}: TXT records beyond {} ignored", domain, MAX_TXT_RECORDS);
            records = records.subList(0, MAX_TXT_RECORDS);
        }
        DnsResolutionException firstFailure = null;
        int before = out.size();
        for (String record : records) {
            Multiaddr target = parseRecord(domain, record);
            if (target == null || !endsWith(target, suffix)) {
                continue;
            }
            try {
                resolveInto(target, depth + 1, out);
            } catch (DnsResolutionException e) {
                log.debug("{}: {}", domain, e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (out.size() == before && out.size() < MAX_RESOLVED_ADDRS) {
            if (firstFailure != null) {
                throw firstFailure;
            }
            throw new DnsResolutionException("the name " + TXT_PREFIX + domain + " has no dnsaddr record for " + addr);
        }
    }

    private static Multiaddr parseRecord(String domain, String record) {
        if (!record.startsWith(RECORD_PREFIX)) {
            log.debug("{}: TXT record '{}' is not a dnsaddr record", domain, record);
            return null;
        }
        try {
            return Multiaddr.parse(record.substring(RECORD_PREFIX.length()));
        } catch (RuntimeException e) {
            log.debug("{}: malformed dnsaddr record '{}': {}", domain, record, e.getMessage());
            return null;
        }
    }

    private static boolean endsWith(Multiaddr addr, List<Component> suffix) {
        List<Component> components = addr.components();
        if (suffix.size() > components.size()) {
            return false;
        }
        return components.subList(components.size() - suffix.size(), components.size()).equals(suffix);
    }
}
