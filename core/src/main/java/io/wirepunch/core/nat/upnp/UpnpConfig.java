package io.wirepunch.core.nat.upnp;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of a {@link UpnpPortMapper}.
 *
 * @param discoveryTimeout how long to wait for gateways to answer the SSDP search
 * @param httpTimeout how long each HTTP exchange with the gateway (description, SOAP call) may take
 * @param lease the lease asked for; renewed at {@code lease / RENEW_DIVISOR}
 * @param renewRetry how soon a failed renewal is tried again
 * @param portAttempts how many external ports to try: the internal port first, then random ones
 * @param description the mapping's description on the router
 */
public record UpnpConfig(Duration discoveryTimeout, Duration httpTimeout, Duration lease, Duration renewRetry,
                         int portAttempts, String description) {
    /** SSDP answers come within a second or two on a LAN; three seconds leaves room for a busy router. */
    public static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(3);
    /** Each HTTP exchange with the gateway. */
    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** The lease asked for. */
    public static final Duration LEASE = Duration.ofHours(1);
    /** Renewal happens when this fraction of the lease is left: half way. */
    public static final int RENEW_DIVISOR = 2;
    /** A failed renewal is tried again this soon (sooner when the lease ends before). */
    public static final Duration RENEW_RETRY = Duration.ofSeconds(30);
    /** Never retry faster than this, whatever the lease. */
    public static final Duration MIN_RETRY = Duration.ofSeconds(1);
    /** The internal port and three random ones. */
    public static final int PORT_ATTEMPTS = 4;
    /** The longest lease IGD v2 allows (seven days); anything longer is refused here. */
    public static final Duration MAX_LEASE = Duration.ofDays(7);
    /** Most external ports to try, so a refusing gateway cannot keep us busy. */
    public static final int MAX_PORT_ATTEMPTS = 16;
    /** Errors kept for reports, oldest dropped first. */
    public static final int MAX_ERRORS_KEPT = 8;
    /** The description the mapping carries on the router. */
    public static final String DESCRIPTION = "wirepunch";
    /** Longest description sent; routers truncate or refuse longer ones. */
    public static final int MAX_DESCRIPTION_CHARS = 64;

    public UpnpConfig {
        Objects.requireNonNull(description, "description");
        requirePositive(discoveryTimeout, "discoveryTimeout");
        requirePositive(httpTimeout, "httpTimeout");
        requirePositive(renewRetry, "renewRetry");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.compareTo(MAX_LEASE) > 0 || (!lease.isZero() && lease.toSeconds() < 1)) {
            throw new IllegalArgumentException("lease must be 0 (permanent) or 1 s to " + MAX_LEASE.toDays()
                    + " days, not " + lease);
        }
        if (portAttempts < 1 || portAttempts > MAX_PORT_ATTEMPTS) {
            throw new IllegalArgumentException("portAttempts must be 1 to " + MAX_PORT_ATTEMPTS + ", not " + portAttempts);
        }
        if (description.isBlank() || description.length() > MAX_DESCRIPTION_CHARS) {
            throw new IllegalArgumentException("description must be 1 to " + MAX_DESCRIPTION_CHARS + " characters");
        }
    }

    public static UpnpConfig defaults() {
        return new UpnpConfig(DISCOVERY_TIMEOUT, HTTP_TIMEOUT, LEASE, RENEW_RETRY, PORT_ATTEMPTS, DESCRIPTION);
    }

    public UpnpConfig withLease(Duration l) {
        return new UpnpConfig(discoveryTimeout, httpTimeout, l, renewRetry, portAttempts, description);
    }

    public UpnpConfig withDiscoveryTimeout(Duration t) {
        return new UpnpConfig(t, httpTimeout, lease, renewRetry, portAttempts, description);
    }

    public UpnpConfig withHttpTimeout(Duration t) {
        return new UpnpConfig(discoveryTimeout, t, lease, renewRetry, portAttempts, description);
    }

    public UpnpConfig withRenewRetry(Duration t) {
        return new UpnpConfig(discoveryTimeout, httpTimeout, lease, t, portAttempts, description);
    }

    /**
     * The longest a whole mapping may take: discovery with the description fetch, the external IP,
     * and one call per port tried (two for a gateway that wants a permanent lease), plus one
     * exchange of slack.
     */
    public Duration mapDeadline() {
        return discoveryTimeout.plus(httpTimeout.multipliedBy(2L + portAttempts + 2L));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
