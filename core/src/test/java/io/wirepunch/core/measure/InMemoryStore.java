package io.wirepunch.core.measure;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.honeypot.Honeypot;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.measure.store.Report;
import io.wirepunch.core.measure.store.StoreException;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of {@link MeasurementStore} kept in memory, for the client and honeypot tests
 * only; the real store (JDBC) lives elsewhere. Candidacy follows the contract's words in a simple
 * form: sighted in the last 10 minutes, {@link Honeypot#isCandidate}, not one of the asking hosts
 * and not tried by them in the last 10 minutes; the relay addresses are handed out.
 */
public class InMemoryStore implements MeasurementStore {
    static final Duration CANDIDATE_WINDOW = Duration.ofMinutes(10);

    public record Sighting(PeerId peer, String agentVersion, List<String> protocols, List<Multiaddr> addrs, Instant at) {}

    public record Tracked(long authorization, PunchrProtos.TrackHolePunchRequest request, Instant at) {}

    private final Map<String, Long> keys = new HashMap<>();
    private final Map<PeerId, Long> clients = new LinkedHashMap<>();
    public final List<Sighting> sightings = new CopyOnWriteArrayList<>();
    public final List<Tracked> tracked = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    @Override
    public synchronized String addApiKey(String name) {
        String key = UUID.randomUUID().toString();
        keys.put(key, ids.incrementAndGet());
        return key;
    }

    @Override
    public synchronized OptionalLong authorize(String apiKey) {
        Long a = keys.get(apiKey);
        return a == null ? OptionalLong.empty() : OptionalLong.of(a);
    }

    @Override
    public synchronized long registerClient(long authorization, PeerId client, String agentVersion, List<String> protocols) {
        open();
        return clients.computeIfAbsent(client, c -> ids.incrementAndGet());
    }

    public synchronized List<PeerId> clients() {
        return List.copyOf(clients.keySet());
    }

    @Override
    public void recordSighting(PeerId peer, String agentVersion, List<String> protocols, List<Multiaddr> addrs, Instant at) {
        open();
        sightings.add(new Sighting(peer, agentVersion, List.copyOf(protocols), List.copyOf(addrs), at));
    }

    @Override
    public Optional<Candidate> candidate(List<PeerId> clientHosts, Instant now) {
        open();
        Instant since = now.minus(CANDIDATE_WINDOW);
        List<Sighting> latest = new ArrayList<>(sightings);
        for (int i = latest.size() - 1; i >= 0; i--) {
            Sighting s = latest.get(i);
            if (s.at().isBefore(since) || clientHosts.contains(s.peer())
                    || !Honeypot.isCandidate(s.protocols(), s.addrs()) || triedBy(clientHosts, s.peer(), since)) {
                continue;
            }
            return Optional.of(new Candidate(s.peer(), s.addrs().stream().filter(Multiaddr::isCircuit).toList()));
        }
        return Optional.empty();
    }

    private boolean triedBy(List<PeerId> hosts, PeerId peer, Instant since) {
        return tracked.stream().anyMatch(t -> !t.at().isBefore(since)
                && peer.equals(PeerId.fromBytes(t.request().getRemoteId().toByteArray()))
                && hosts.contains(PeerId.fromBytes(t.request().getClientId().toByteArray())));
    }

    @Override
    public long trackHolePunch(long authorization, PunchrProtos.TrackHolePunchRequest request, Instant receivedAt) {
        open();
        tracked.add(new Tracked(authorization, request, receivedAt));
        return ids.incrementAndGet();
    }

    @Override
    public Report report(Instant since) {
        Map<String, Integer> byOutcome = new HashMap<>();
        int total = 0;
        for (Tracked t : tracked) {
            if (!t.at().isBefore(since)) {
                total++;
                byOutcome.merge(t.request().getOutcome().name().replace("HOLE_PUNCH_OUTCOME_", ""), 1, Integer::sum);
            }
        }
        return new Report(since, total, byOutcome, Map.of(), Map.of(), Map.of());
    }

    private void open() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
