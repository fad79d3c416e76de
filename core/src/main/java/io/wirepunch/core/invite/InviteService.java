package io.wirepunch.core.invite;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The inviter's side: issues invitations into its store and, once started, answers
 * {@code /wirepunch/invite/1.0.0} streams, telling subscribers who joined which network.
 */
public final class InviteService {
    /** How long an invitation stays open unless the caller says otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final Host host;
    private final InviteStore store;
    private final Duration timeout;
    private final EventBus<InviteEvent> events = new EventBus<>();
    private ExecutorService storeWork;

    public InviteService(Host host, InviteStore store) {
        this(host, store, InviteProtocol.TIMEOUT);
    }

    InviteService(Host host, InviteStore store, Duration timeout) {
        this.host = host;
        this.store = store;
        this.timeout = timeout;
    }

    /**
     * Registers the protocol: from now on peers may join with this node's invitations. Marking an
     * invitation used writes the store's file, which happens on one thread of its own rather than
     * on an event loop.
     */
    public synchronized void start() {
        if (storeWork != null) {
            return;
        }
        ExecutorService work = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "invite-store");
            t.setDaemon(true);
            return t;
        });
        storeWork = work;
        host.protocols().register(InviteProtocol.ID, stream -> InviterHandler.install(stream.channel(), store,
                host.peerId(), stream.remotePeer(), timeout, events::publish, work));
    }

    /** Unregisters the protocol; a join whose proof was already checked still finishes. */
    public synchronized void stop() {
        host.protocols().unregister(InviteProtocol.ID);
        if (storeWork != null) {
            storeWork.shutdown();
            storeWork = null;
        }
    }

    /** Tells {@code subscriber} of every join and refusal, on the stream's event loop. */
    public Subscription subscribe(Consumer<? super InviteEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public InviteStore store() {
        return store;
    }

    /** An invitation open for {@link #DEFAULT_TTL}, whose hints are the host's advertised addresses. */
    public Invitation issue(NetworkParams network) throws IOException {
        return issue(network, DEFAULT_TTL);
    }

    /** An invitation open for {@code ttl}, whose hints are the host's advertised addresses. */
    public Invitation issue(NetworkParams network, Duration ttl) throws IOException {
        return issue(network, ttl, hintsFrom(host.advertisedAddrs(), host));
    }

    /**
     * A new invitation into {@code network}, recorded in the store (and its file) before it is
     * returned, open for {@code ttl}, with {@code hints} (at most {@link Invitation#MAX_HINTS}).
     *
     * @throws IllegalArgumentException for a bad ttl or hints
     * @throws IllegalStateException when the store is full of open invitations
     * @throws IOException when the store's file cannot be written
     */
    public Invitation issue(NetworkParams network, Duration ttl, List<Multiaddr> hints) throws IOException {
        InviteStore.checkTtl(ttl);
        byte[] secret = InviteCrypto.random(InviteCrypto.SECRET_BYTES);
        try {
            // Built first, so that bad hints are refused before anything is stored.
            Invitation draft = Invitation.of(host.peerId(), secret, store.clock().instant().plus(ttl), network, hints);
            IssuedInvitation issued = store.add(secret, ttl, network);
            return Invitation.of(host.peerId(), secret, issued.expiresAt(), network, draft.hints());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The first addresses that fit in an invitation, in the host's order. */
    static List<Multiaddr> hintsFrom(List<Multiaddr> addrs, Host host) {
        List<Multiaddr> hints = new ArrayList<>();
        for (Multiaddr addr : addrs) {
            if (hints.size() == Invitation.MAX_HINTS) {
                break;
            }
            try {
                Invitation.of(host.peerId(), new byte[InviteCrypto.SECRET_BYTES], java.time.Instant.EPOCH,
                        NetworkParams.of("n", ""), List.of(addr));
                hints.add(addr);
            } catch (IllegalArgumentException tooLongOrForeign) {
                // left out: the invitation carries only what fits
            }
        }
        return hints;
    }
}
