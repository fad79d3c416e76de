package io.wirepunch.core.membership;

import io.wirepunch.core.facts.Attribute;
import io.wirepunch.core.facts.FactsConfig;
import io.wirepunch.core.facts.FactsProtocol;
import io.wirepunch.core.facts.FactsService;
import io.wirepunch.core.facts.SignedFact;
import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InviteEvent;
import io.wirepunch.core.invite.InviteService;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.invite.JoinResult;
import io.wirepunch.core.invite.NetworkParams;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import io.wirepunch.core.network.Endpoint;
import io.wirepunch.core.network.Ipv4Subnet;
import io.wirepunch.core.network.Member;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.PeerKey;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's networks at run time: the files of a {@link NetworkDirectory} loaded into a
 * {@link MemberIndex}, one {@link FactsService} per network behind the one facts protocol, member
 * keepalives, and invitations both ways. {@link #reload()} applies changed files without a restart;
 * a join, on either side, writes the new member into the network's file and reloads.
 */
public final class Networks {
    private static final Logger log = LoggerFactory.getLogger(Networks.class);

    /** The network {@code invite} creates when the node has none and none is named. */
    public static final String DEFAULT_NETWORK = "wirepunch";
    /** Its overlay subnet. */
    public static final String DEFAULT_SUBNET = "10.77.0.0/16";
    /** How often connected members are pinged and missing ones dialled (WireGuard's usual persistent keepalive). */
    public static final Duration KEEPALIVE = Duration.ofSeconds(25);
    /** Most members dialled in one keepalive round. */
    public static final int MAX_DIALS_PER_ROUND = 16;

    /** What a reload loaded, and one sentence for each file it could not use. */
    public record Reload(List<String> networks, List<String> problems) {
        public Reload {
            networks = List.copyOf(networks);
            problems = List.copyOf(problems);
        }
    }

    private final Node node;
    private final NetworkDirectory directory;
    private final InviteService invites;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Scheduler scheduler;
    private final Duration factsInterval;
    private final MemberKeepalive keepalive;
    private final Map<String, FactsService> facts = new HashMap<>();
    private final Map<String, FactsConfig> factsConfigs = new HashMap<>();
    private volatile MemberIndex index;
    private volatile List<String> problems = List.of();
    private boolean started;

    public Networks(Node node, NetworkDirectory directory, InviteStore invitations, Clock clock) {
        this(node, directory, invitations, clock, FactsConfig.DEFAULT_PUSH_INTERVAL, KEEPALIVE);
    }

    /** With other intervals, for tests. */
    public Networks(Node node, NetworkDirectory directory, InviteStore invitations, Clock clock, Duration factsInterval,
                    Duration keepaliveInterval) {
        this.node = node;
        this.directory = directory;
        this.invites = new InviteService(node.host(), invitations);
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "networks-timer");
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Scheduler.of(timer);
        this.factsInterval = factsInterval;
        this.index = MemberIndex.empty(node.host().peerId());
        this.keepalive = new MemberKeepalive(node, () -> index, this::allMembers, scheduler, clock, keepaliveInterval,
                MAX_DIALS_PER_ROUND);
    }

    /** Loads the files, answers facts and invitations, starts the keepalives. The node must have started. */
    public synchronized Reload start() throws IOException {
        if (started) {
            return new Reload(List.copyOf(index.networks().keySet()), problems);
        }
        started = true;
        node.host().protocols().register(FactsProtocol.ID, this::answerFacts);
        invites.subscribe(e -> {
            if (e instanceof InviteEvent.MemberJoined j) {
                timer.execute(() -> addJoiner(j.peer(), j.network()));
            }
        });
        invites.start();
        Reload r = reload();
        keepalive.start();
        return r;
    }

    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        keepalive.stop();
        invites.stop();
        facts.values().forEach(FactsService::stop);
        facts.clear();
        factsConfigs.clear();
        node.host().protocols().unregister(FactsProtocol.ID);
        timer.shutdownNow();
    }

    /**
     * Reads the files again and applies them: new networks start, changed ones restart their facts
     * service (keeping the facts it holds), removed ones stop. A file that does not parse keeps
     * nothing of its network and is reported; the others apply.
     */
    public synchronized Reload reload() throws IOException {
        NetworkDirectory.Scan scan = directory.scan();
        MemberIndex next = MemberIndex.of(node.host().peerId(), scan.networks());
        index = next;
        problems = scan.problems();
        for (String gone : new ArrayList<>(facts.keySet())) {
            if (!scan.networks().containsKey(gone)) {
                facts.remove(gone).stop();
                factsConfigs.remove(gone);
            }
        }
        for (MemberIndex.Self network : next.networks().values()) {
            FactsConfig wanted = factsConfig(network, next);
            if (wanted.equals(factsConfigs.get(network.network()))) {
                continue;
            }
            FactsService old = facts.remove(network.network());
            if (old != null) {
                old.stop();
            }
            String name = network.network();
            FactsService service = old == null
                    ? new FactsService(node.host(), peer -> index.trust(name, peer), clock, wanted, scheduler)
                    : new FactsService(node.host(), peer -> index.trust(name, peer), clock, wanted, scheduler, old.store());
            service.start(false);
            facts.put(name, service);
            factsConfigs.put(name, wanted);
            service.pushNow();
        }
        problems.forEach(p -> log.warn("network file not used: {}", p));
        return new Reload(List.copyOf(next.networks().keySet()), problems);
    }

    private FactsConfig factsConfig(MemberIndex.Self network, MemberIndex members) {
        List<Cidr> ranges = new ArrayList<>();
        network.ipv4().ifPresent(a -> ranges.add(Cidr.around(a, 32)));
        network.ipv6().ifPresent(a -> ranges.add(Cidr.around(a, 128)));
        Duration ttl = factsInterval.multipliedBy(4);
        ttl = Duration.ofSeconds(Math.max(FactsProtocol.MIN_TTL.toSeconds(), ttl.toSeconds()));
        return FactsConfig.of(network.network()).withTiming(factsInterval, ttl)
                .withMembers(members.memberIds(network.network())).withAllowedIps(ranges);
    }

    /** A facts stream goes to the service of the first network, by name, whose members include the sender. */
    private void answerFacts(Stream stream) {
        PeerId sender = stream.remotePeer();
        FactsService target = null;
        synchronized (this) {
            for (String name : index.networks().keySet()) {
                FactsService s = facts.get(name);
                if (s != null && s.acceptance().isMember(sender)) {
                    target = s;
                    break;
                }
            }
        }
        if (target == null) {
            log.debug("refusing facts from {}: a member of none of our networks", sender);
            StreamEnds.reset(stream.channel());
            return;
        }
        target.answer(stream);
    }

    public MemberIndex index() {
        return index;
    }

    /** Files the latest reload could not use, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    public NetworkDirectory directory() {
        return directory;
    }

    /** The facts service of {@code network}, while it is loaded. */
    public synchronized Optional<FactsService> facts(String network) {
        return Optional.ofNullable(facts.get(network));
    }

    /**
     * Members the files do not list but a member vouched for (a live MEMBER fact from a peer trusted
     * at {@link io.wirepunch.core.facts.TrustLevel#MEMBERSHIP} or above), with their networks: how
     * the peers one member invited come to know each other.
     */
    public Map<PeerId, List<String>> vouched() {
        MemberIndex members = index;
        Map<PeerId, List<String>> out = new TreeMap<>();
        synchronized (this) {
            for (Map.Entry<String, FactsService> e : new TreeMap<>(facts).entrySet()) {
                FactsService service = e.getValue();
                for (SignedFact f : service.store().all()) {
                    PeerId subject = f.fact().subject();
                    if (f.fact().attribute() == Attribute.MEMBER && f.fact().network().equals(e.getKey())
                            && !subject.equals(node.host().peerId()) && !members.isMember(subject)
                            && service.acceptance().isMember(subject)) {
                        List<String> in = out.computeIfAbsent(subject, p -> new ArrayList<>());
                        if (!in.contains(e.getKey())) {
                            in.add(e.getKey());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The highest trust {@code peer} has: from the files, or granted by a delegate's TRUST fact. */
    public synchronized TrustLevel trust(PeerId peer) {
        TrustLevel level = index.trust(peer);
        for (FactsService service : facts.values()) {
            level = TrustLevel.max(level, service.acceptance().effectiveLevel(peer));
        }
        return level;
    }

    /** Every member: those the files list by PeerId and those vouched for. */
    Set<PeerId> allMembers() {
        Set<PeerId> all = new LinkedHashSet<>(index.memberIds());
        all.addAll(vouched().keySet());
        return all;
    }

    /** The latest keepalive RTT to a member. */
    public Optional<Duration> rtt(PeerId peer) {
        return keepalive.rtt(peer).map(MemberKeepalive.Rtt::rtt);
    }

    /** When a keepalive ping to a member last came back: its latest authenticated exchange. */
    public Optional<Instant> lastPong(PeerId peer) {
        return keepalive.rtt(peer).map(MemberKeepalive.Rtt::measuredAt);
    }

    /** The persistent keepalive interval members get. */
    public Duration keepalive() {
        return keepalive.interval();
    }

    /** Pings and dials members now, as a keepalive round does. */
    public void keepaliveNow() {
        keepalive.round();
    }

    public InviteService invites() {
        return invites;
    }

    /**
     * Issues an invitation into {@code network}; without one, into the node's only network, or into
     * {@link #DEFAULT_NETWORK} (created on {@link #DEFAULT_SUBNET}) when it has none. A named network
     * that does not exist yet is created on {@link #DEFAULT_SUBNET}.
     *
     * @throws IllegalArgumentException when no network is named and the node has several, or for a bad name or ttl
     */
    public Invitation invite(Optional<String> network, Duration ttl) throws IOException {
        String name = network.orElseGet(() -> {
            var names = index.networks().keySet();
            if (names.size() > 1) {
                throw new IllegalArgumentException("this node is in several networks (" + String.join(", ", names)
                        + "); name one with --network");
            }
            return names.isEmpty() ? DEFAULT_NETWORK : names.iterator().next();
        });
        NetworkConfig config = directory.update(name, current -> Optional.of(current.orElseGet(
                () -> new NetworkConfig(name, Optional.of(Ipv4Subnet.parse(DEFAULT_SUBNET)), OptionalInt.empty(),
                        List.of(), List.of()))));
        if (!index.networks().containsKey(name)) {
            reload();
        }
        NetworkParams params = NetworkParams.of(name, config.subnet().map(Ipv4Subnet::toString).orElse(""));
        if (config.workbits().isPresent()) {
            params = params.withWorkbits(config.workbits().getAsInt());
        }
        return invites.issue(params, ttl);
    }

    /** The inviter's side of a join: the joiner becomes a trusted member of the network it was invited into. */
    private void addJoiner(PeerId joiner, NetworkParams network) {
        try {
            addMember(network, Member.trusted(PeerKey.of(joiner)));
        } catch (IOException | RuntimeException e) {
            log.warn("could not add {} to network {}: {}", joiner, network.name(), e.getMessage());
        }
    }

    /**
     * Adds {@code member} to {@code network}'s file (creating the file from the invitation's
     * parameters when the node is not yet in that network) and reloads. A member already listed,
     * by either form of its key, is left as it is.
     */
    public synchronized Reload addMember(NetworkParams network, Member member) throws IOException {
        directory.update(network.name(), current -> {
            NetworkConfig base = current.orElseGet(() -> new NetworkConfig(network.name(),
                    network.subnet().isEmpty() ? Optional.empty() : Optional.of(Ipv4Subnet.parse(network.subnet())),
                    network.workbits(), List.of(), List.of()));
            boolean listed = base.members().stream().anyMatch(m -> m.key().equals(member.key()));
            return Optional.of(listed ? base : base.withMember(member));
        });
        return reload();
    }

    /**
     * Joins with {@code invitation}: reaches and convinces the inviter ({@link Joiner}), writes the
     * inviter into the network's file as a trusted member (with the endpoint it was reached at,
     * when direct) and reloads, then waits for the hole punch a relayed connection brings.
     */
    public JoinOutcome join(Invitation invitation) throws JoinException, InterruptedException, IOException {
        long started = System.nanoTime();
        Instant since = clock.instant();
        if (invitation.isExpired(clock)) {
            throw new JoinException("that invitation expired at " + invitation.expiresAt() + "; ask the inviter for a new one");
        }
        Connection reached = Joiner.reach(node, invitation);
        JoinResult.Joined joined = Joiner.prove(node, reached, invitation, clock);
        Optional<Endpoint> endpoint = reached.isRelayed() ? Optional.empty() : endpointOf(reached.remoteAddr());
        addMember(joined.network(), new Member(Member.Role.TRUST, Optional.empty(), Optional.empty(),
                PeerKey.of(joined.inviter()), endpoint));
        Connection best = Joiner.awaitDirect(node, reached, since, Joiner.PUNCH_WAIT);
        MemberIndex.Self self = index.network(joined.network().name()).orElseThrow();
        return new JoinOutcome(self.network(), joined.inviter(), best.isRelayed(), best.relay(), self.ipv4(), self.ipv6(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Optional<Endpoint> endpointOf(Multiaddr addr) {
        try {
            InetSocketAddress s = addr.toInetSocketAddress();
            String host = s.getAddress() instanceof Inet6Address
                    ? "[" + s.getAddress().getHostAddress().replaceAll("%.*$", "") + "]"
                    : s.getAddress().getHostAddress();
            return Optional.of(new Endpoint(host, OptionalInt.of(s.getPort())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
