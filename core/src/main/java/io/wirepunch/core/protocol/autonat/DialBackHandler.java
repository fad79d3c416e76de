package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one DIAL: the policy picks the addresses (or refuses), the limiter admits the request
 * (or refuses), then the addresses are dialled one after another until one answers, all within
 * the dial-back timeout. Requests the policy refuses do not count against the limits.
 */
final class DialBackHandler {
    private static final Logger log = LoggerFactory.getLogger(DialBackHandler.class);

    private final AutoNatServerConfig config;
    private final DialBackPolicy policy;
    private final DialBackLimiter limiter;
    private final DialBacker dialer;
    private final Supplier<Set<InetAddress>> ourIps;

    DialBackHandler(AutoNatServerConfig config, DialBackLimiter limiter, DialBacker dialer,
                    Supplier<Set<InetAddress>> ourIps) {
        this.config = config;
        this.policy = new DialBackPolicy(config);
        this.limiter = limiter;
        this.dialer = dialer;
        this.ourIps = ourIps;
    }

    CompletionStage<DialResponse> handle(PeerId requester, Multiaddr requesterAddr, AutoNatMessage.Dial request) {
        DialBackPolicy.Plan plan = policy.plan(requester, requesterAddr, ourIps, request);
        if (plan.refused()) {
            log.debug("autonat request from {}: {}", requester, plan.refusal().statusText());
            return CompletableFuture.completedFuture(plan.refusal());
        }
        if (!dialer.hasRoom()) {
            return CompletableFuture.completedFuture(DialResponse.error(ResponseStatus.E_DIAL_REFUSED,
                    "no room for another connection"));
        }
        Optional<String> limited = limiter.tryAcquire(requester, plan.requesterIp());
        if (limited.isPresent()) {
            log.debug("autonat request from {}: {}", requester, limited.get());
            return CompletableFuture.completedFuture(DialResponse.error(ResponseStatus.E_DIAL_REFUSED, limited.get()));
        }
        CompletableFuture<DialResponse> result = new CompletableFuture<>();
        tryFrom(0, requester, plan.targets(), result);
        return result.completeOnTimeout(DialResponse.error(ResponseStatus.E_DIAL_ERROR,
                "dial-back took longer than " + config.dialBackTimeout().toSeconds() + " s"),
                config.dialBackTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tryFrom(int index, PeerId requester, List<Multiaddr> targets, CompletableFuture<DialResponse> result) {
        Multiaddr target = targets.get(index);
        CompletionStage<Multiaddr> attempt;
        try {
            attempt = dialer.dialBack(requester, target);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((reached, error) -> {
            if (error == null) {
                log.debug("dialled {} back at {}", requester, reached);
                result.complete(DialResponse.ok(reached));
            } else if (index + 1 < targets.size() && !result.isDone()) {
                tryFrom(index + 1, requester, targets, result);
            } else {
                log.debug("could not dial {} back at {}: {}", requester, targets, error.toString());
                result.complete(DialResponse.error(ResponseStatus.E_DIAL_ERROR, "dial-back failed"));
            }
        });
    }
}
