package io.wirepunch.core.facts;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The facts a node holds, keyed by (subject, attribute, value): a fact issued later replaces one
 * issued earlier under its key, whoever issued either. Facts leave when their TTL runs out, by the
 * injected clock: every change and every query first drops what has expired, and {@link #expire()}
 * does it on demand (the service's timer calls it).
 *
 * <p>Bounded: at most {@code maxPerSubject} facts about one subject and {@code maxTotal} in all.
 * A new key that would cross a bound evicts the fact that expires first among those the bound
 * counts (ties broken by key order, so the choice is deterministic), unless the new fact itself
 * expires first: then it is the one left out, and {@link #put} answers {@link Outcome#FULL}.
 *
 * <p>The store does not judge facts; {@link FactAcceptance} does that before {@link #put}. Thread
 * safe; subscribers hear of each change after it happened, outside the store's lock.
 */
public final class FactStore {
    /** Facts held in all, by default. */
    public static final int MAX_FACTS = 4096;
    /** Facts held about one subject, by default: addresses, ranges, networks and heartbeats together. */
    public static final int MAX_FACTS_PER_SUBJECT = 64;

    /** What {@link #put} did with a fact. */
    public enum Outcome {
        /** Stored under a new key. */
        ADDED,
        /** Replaced the fact under its key, which was issued earlier. */
        RENEWED,
        /** Not stored: the fact under its key was issued at the same time or later. */
        STALE,
        /** Not stored: its TTL has already run out. */
        EXPIRED,
        /** Not stored: the store is full of facts that outlive it. */
        FULL
    }

    private record Slot(Instant expiresAt, FactKey key) implements Comparable<Slot> {
        private static final Comparator<Slot> ORDER = Comparator.comparing(Slot::expiresAt).thenComparing(Slot::key);

        @Override
        public int compareTo(Slot o) {
            return ORDER.compare(this, o);
        }
    }

    private final Clock clock;
    private final int maxTotal;
    private final int maxPerSubject;
    private final Map<FactKey, SignedFact> facts = new HashMap<>();
    private final TreeSet<Slot> byExpiry = new TreeSet<>();
    private final Map<PeerId, TreeSet<Slot>> bySubject = new HashMap<>();
    private final EventBus<FactEvent> events = new EventBus<>();

    public FactStore(Clock clock) {
        this(clock, MAX_FACTS, MAX_FACTS_PER_SUBJECT);
    }

    public FactStore(Clock clock, int maxTotal, int maxPerSubject) {
        if (maxTotal < 1 || maxPerSubject < 1) {
            throw new IllegalArgumentException("store bounds must be positive");
        }
        this.clock = clock;
        this.maxTotal = maxTotal;
        this.maxPerSubject = maxPerSubject;
    }

    public Subscription subscribe(Consumer<? super FactEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /** Stores a fact already judged acceptable; see {@link Outcome}. */
    public Outcome put(SignedFact signed) {
        List<FactEvent> changes = new ArrayList<>();
        Outcome outcome;
        synchronized (this) {
            Instant now = clock.instant();
            expireLocked(now, changes);
            outcome = putLocked(signed, now, changes);
        }
        changes.forEach(events::publish);
        return outcome;
    }

    private Outcome putLocked(SignedFact signed, Instant now, List<FactEvent> changes) {
        Fact fact = signed.fact();
        if (!fact.expiresAt().isAfter(now)) {
            return Outcome.EXPIRED;
        }
        FactKey key = fact.key();
        Slot slot = new Slot(fact.expiresAt(), key);
        SignedFact previous = facts.get(key);
        if (previous != null) {
            if (!fact.issuedAt().isAfter(previous.fact().issuedAt())) {
                return Outcome.STALE;
            }
            unlink(previous);
            link(signed, slot);
            changes.add(new FactEvent.Renewed(signed, previous));
            return Outcome.RENEWED;
        }
        TreeSet<Slot> ofSubject = bySubject.get(key.subject());
        if (ofSubject != null && ofSubject.size() >= maxPerSubject && !evictBefore(ofSubject.first(), slot, changes)) {
            return Outcome.FULL;
        }
        if (facts.size() >= maxTotal && !evictBefore(byExpiry.first(), slot, changes)) {
            return Outcome.FULL;
        }
        link(signed, slot);
        changes.add(new FactEvent.Added(signed));
        return Outcome.ADDED;
    }

    /** Evicts {@code victim} if it comes before {@code incoming}; false when the incoming fact should go instead. */
    private boolean evictBefore(Slot victim, Slot incoming, List<FactEvent> changes) {
        if (victim.compareTo(incoming) > 0) {
            return false;
        }
        SignedFact evicted = facts.get(victim.key());
        unlink(evicted);
        changes.add(new FactEvent.Evicted(evicted));
        return true;
    }

    private void link(SignedFact signed, Slot slot) {
        facts.put(slot.key(), signed);
        byExpiry.add(slot);
        bySubject.computeIfAbsent(slot.key().subject(), s -> new TreeSet<>()).add(slot);
    }

    private void unlink(SignedFact signed) {
        Fact fact = signed.fact();
        Slot slot = new Slot(fact.expiresAt(), fact.key());
        facts.remove(slot.key());
        byExpiry.remove(slot);
        TreeSet<Slot> ofSubject = bySubject.get(fact.subject());
        ofSubject.remove(slot);
        if (ofSubject.isEmpty()) {
            bySubject.remove(fact.subject());
        }
    }

    private void expireLocked(Instant now, List<FactEvent> changes) {
        while (!byExpiry.isEmpty() && !byExpiry.first().expiresAt().isAfter(now)) {
            SignedFact gone = facts.get(byExpiry.first().key());
            unlink(gone);
            changes.add(new FactEvent.Expired(gone));
        }
    }

    /** Drops every fact whose TTL ran out, telling the subscribers; returns how many. */
    public int expire() {
        List<FactEvent> changes = new ArrayList<>();
        synchronized (this) {
            expireLocked(clock.instant(), changes);
        }
        changes.forEach(events::publish);
        return changes.size();
    }

    /** Every live fact, in key order (subject, attribute, value). */
    public List<SignedFact> all() {
        expire();
        synchronized (this) {
            return facts.keySet().stream().sorted().map(facts::get).toList();
        }
    }

    /** The live facts about {@code subject}, in key order. */
    public List<SignedFact> about(PeerId subject) {
        expire();
        synchronized (this) {
            TreeSet<Slot> ofSubject = bySubject.get(subject);
            if (ofSubject == null) {
                return List.of();
            }
            return ofSubject.stream().map(Slot::key).sorted().map(facts::get).toList();
        }
    }

    /** The live fact under (subject, attribute, value), if any. */
    public synchronized Optional<SignedFact> get(FactKey key) {
        SignedFact f = facts.get(key);
        return f != null && f.fact().expiresAt().isAfter(clock.instant()) ? Optional.of(f) : Optional.empty();
    }

    /** How many facts the store holds, expired ones not yet dropped included. */
    public synchronized int size() {
        return facts.size();
    }

    /** What the store knows about {@code peer}: addresses, ranges, networks, the latest heartbeat. */
    public PeerKnowledge knowledge(PeerId peer) {
        List<Multiaddr> endpoints = new ArrayList<>();
        List<Multiaddr> relays = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        Set<String> networks = new LinkedHashSet<>();
        Fact latestAlive = null;
        for (SignedFact s : about(peer)) {
            Fact f = s.fact();
            switch (f.attribute()) {
                case ENDPOINT -> endpoints.add(f.address());
                case RELAY_ADDR -> relays.add(f.address());
                case ALLOWED_IP -> ranges.add(f.allowedIp());
                case MEMBER -> networks.add(f.network());
                case ALIVE -> {
                    if (latestAlive == null || f.issuedAt().isAfter(latestAlive.issuedAt())) {
                        latestAlive = f;
                    }
                }
                case TRUST -> { }
            }
        }
        Optional<PeerKnowledge.Alive> alive = Optional.ofNullable(latestAlive)
                .map(f -> new PeerKnowledge.Alive(f.bootId(), f.issuedAt()));
        return new PeerKnowledge(peer, endpoints, relays, ranges, networks, alive);
    }
}
