package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitations an inviter issued. Each is used at most once and only before it expires; the
 * check and the marking are one step under the store's lock, so of two joins with one invitation
 * exactly one wins. With a file every change is written before it takes effect, so an invitation
 * outlives a restart and a used one stays used. At most {@link #MAX_INVITATIONS} are kept: used and
 * expired ones make room (oldest first); when all are still open, issuing is refused.
 */
public final class InviteStore {
    /** Most invitations kept, open, used and expired together. */
    public static final int MAX_INVITATIONS = 64;
    /** Longest time an invitation may stay open. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(InviteStore.class);

    private final Optional<Path> file;
    private final Clock clock;
    /**
     * Replaced whole on every change, under the lock; read without it, so that looking an
     * invitation up on an event loop never waits for another thread's file write.
     */
    private volatile List<IssuedInvitation> invitations;

    private InviteStore(Optional<Path> file, Clock clock, List<IssuedInvitation> loaded) {
        this.file = file;
        this.clock = clock;
        this.invitations = List.copyOf(loaded);
    }

    /** The store kept in {@code file} (mode 0600), loaded now when it exists. */
    public static InviteStore open(Path file, Clock clock) throws IOException {
        return new InviteStore(Optional.of(file), clock, InviteStoreFile.read(file));
    }

    /** A store that forgets everything when the process ends. */
    public static InviteStore inMemory(Clock clock) {
        return new InviteStore(Optional.empty(), clock, List.of());
    }

    Clock clock() {
        return clock;
    }

    /**
     * Records a new invitation with {@code secret}, open for {@code ttl} from now.
     *
     * @throws IllegalArgumentException for a ttl that is not positive or above {@link #MAX_TTL}
     * @throws IllegalStateException when {@link #MAX_INVITATIONS} are all still open
     * @throws IOException when the file cannot be written; the invitation is then not issued
     */
    public synchronized IssuedInvitation add(byte[] secret, Duration ttl, NetworkParams network) throws IOException {
        checkTtl(ttl);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        IssuedInvitation issued = new IssuedInvitation(secret, now, now.plus(ttl).truncatedTo(ChronoUnit.SECONDS), network, false, Optional.empty());
        List<IssuedInvitation> next = new ArrayList<>(invitations);
        if (next.size() >= MAX_INVITATIONS) {
            Optional<IssuedInvitation> closed = next.stream().filter(i -> i.used() || i.isExpired(clock))
                    .min(Comparator.comparing(IssuedInvitation::issuedAt));
            if (closed.isEmpty()) {
                throw new IllegalStateException(MAX_INVITATIONS + " invitations are already open; withdraw one or wait"
                        + " until one is used or expires");
            }
            next.remove(closed.get());
        }
        next.add(issued);
        save(next);
        return issued;
    }

    static void checkTtl(Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("an invitation must be open for between 1 second and "
                    + MAX_TTL.toDays() + " days, not " + ttl);
        }
    }

    /** The invitation with {@code id}, used or not. */
    public Optional<IssuedInvitation> find(byte[] id) {
        return invitations.stream().filter(i -> MessageDigest.isEqual(i.id(), id)).findFirst();
    }

    /** Every invitation kept, oldest first. */
    public List<IssuedInvitation> list() {
        return invitations;
    }

    /** Forgets an invitation, so nobody can join with it any more; false when there was none. */
    public synchronized boolean withdraw(byte[] id) throws IOException {
        Optional<IssuedInvitation> found = find(id);
        if (found.isEmpty()) {
            return false;
        }
        List<IssuedInvitation> next = new ArrayList<>(invitations);
        next.remove(found.get());
        save(next);
        return true;
    }

    /**
     * Uses the invitation {@code id} for {@code joiner}, whose proof the caller has checked: accepted
     * once, while open; then ALREADY_USED. When the file cannot be written the use is refused
     * (INTERNAL_ERROR), and the invitation stays open.
     */
    public synchronized Redemption redeem(byte[] id, PeerId joiner) {
        Optional<IssuedInvitation> found = find(id);
        if (found.isEmpty()) {
            return Redemption.refused(JoinFailure.UNKNOWN_INVITATION);
        }
        IssuedInvitation invitation = found.get();
        if (invitation.used()) {
            return Redemption.refused(JoinFailure.ALREADY_USED);
        }
        if (invitation.isExpired(clock)) {
            return Redemption.refused(JoinFailure.EXPIRED);
        }
        List<IssuedInvitation> next = new ArrayList<>(invitations);
        next.set(next.indexOf(invitation), invitation.markUsed(joiner));
        try {
            save(next);
        } catch (IOException e) {
            log.warn("could not record the use of invitation {}: {}", invitation.idHex(), e.toString());
            return Redemption.refused(JoinFailure.INTERNAL_ERROR);
        }
        return Redemption.accepted(invitation.network());
    }

    private void save(List<IssuedInvitation> next) throws IOException {
        if (file.isPresent()) {
            InviteStoreFile.write(file.get(), next);
        }
        invitations = List.copyOf(next);
    }
}
