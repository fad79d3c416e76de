package io.wirepunch.core.membership;

import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.Endpoint;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.network.Member;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.OverlayAddresses;
import io.wirepunch.core.network.PeerKey;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The networks as loaded at one moment, indexed by peer: who is a member of which network, under
 * which name, at which overlay addresses, trusted how far. Immutable; a reload builds a new one.
 *
 * <p>Overlay addresses are assigned over the members and the node itself, so two members whose
 * files list each other (and not themselves) agree on both addresses.
 *
 * <p>Trust from the file: a {@code trust} line is {@link TrustLevel#MEMBERSHIP} (the member's word
 * counts for where members are, what they route, and who else belongs: the peers it invited), a
 * {@code router} line {@link TrustLevel#DELEGATE} (it may also grant trust to others).
 */
public final class MemberIndex {
    /** The port of a member's endpoint that names none: the port libp2p nodes conventionally listen on. */
    public static final int DEFAULT_MEMBER_PORT = 4001;

    /** One member of one network, as the node sees it. */
    public record Entry(String network, Member member, Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6) {
        public TrustLevel trust() {
            return member.role() == Member.Role.ROUTER ? TrustLevel.DELEGATE : TrustLevel.MEMBERSHIP;
        }
    }

    /** The node's own place in one network. */
    public record Self(String network, NetworkConfig config, Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6) {}

    private final PeerId self;
    private final Map<String, Self> networks;
    private final Map<PeerKey, List<Entry>> byKey;

    private MemberIndex(PeerId self, Map<String, Self> networks, Map<PeerKey, List<Entry>> byKey) {
        this.self = self;
        this.networks = networks;
        this.byKey = byKey;
    }

    public static MemberIndex empty(PeerId self) {
        return of(self, Map.of());
    }

    public static MemberIndex of(PeerId self, Map<String, NetworkConfig> configs) {
        PeerKey selfKey = PeerKey.of(self);
        Map<String, Self> networks = new TreeMap<>();
        Map<PeerKey, List<Entry>> byKey = new LinkedHashMap<>();
        // In network-name order, whatever the map's, so entries(peer) lists networks by name.
        for (NetworkConfig config : new TreeMap<>(configs).values()) {
            boolean listed = config.members().stream().anyMatch(m -> m.key().equals(selfKey));
            OverlayAddresses overlay = OverlayAddresses.of(listed ? config : config.withMember(Member.trusted(selfKey)));
            networks.put(config.name(), new Self(config.name(), config, overlay.ipv4(selfKey), overlay.ipv6(selfKey)));
            for (Member m : config.members()) {
                if (!m.key().equals(selfKey)) {
                    byKey.computeIfAbsent(m.key(), k -> new ArrayList<>())
                            .add(new Entry(config.name(), m, overlay.ipv4(m.key()), overlay.ipv6(m.key())));
                }
            }
        }
        byKey.replaceAll((k, v) -> List.copyOf(v));
        return new MemberIndex(self, Collections.unmodifiableMap(networks), Collections.unmodifiableMap(byKey));
    }

    public PeerId self() {
        return self;
    }

    /** The networks, by name. */
    public Map<String, Self> networks() {
        return networks;
    }

    public Optional<Self> network(String name) {
        return Optional.ofNullable(networks.get(name));
    }

    /** Every network {@code peer} is a member of, in network-name order; empty for a stranger. */
    public List<Entry> entries(PeerId peer) {
        return keyOf(peer).map(k -> byKey.getOrDefault(k, List.of())).orElse(List.of());
    }

    /** {@code peer}'s entry in {@code network}. */
    public Optional<Entry> entry(String network, PeerId peer) {
        return entries(peer).stream().filter(e -> e.network().equals(network)).findFirst();
    }

    public boolean isMember(PeerId peer) {
        return !entries(peer).isEmpty();
    }

    /** The trust the file gives {@code peer} in {@code network}; {@link TrustLevel#UNTRUSTED} for a stranger. */
    public TrustLevel trust(String network, PeerId peer) {
        return entry(network, peer).map(Entry::trust).orElse(TrustLevel.UNTRUSTED);
    }

    /** The highest trust {@code peer} has in any network. */
    public TrustLevel trust(PeerId peer) {
        TrustLevel level = TrustLevel.UNTRUSTED;
        for (Entry e : entries(peer)) {
            level = TrustLevel.max(level, e.trust());
        }
        return level;
    }

    /** Members named by PeerId in {@code network} (a WireGuard-key member cannot be dialled by id). */
    public Set<PeerId> memberIds(String network) {
        Set<PeerId> ids = new LinkedHashSet<>();
        byKey.forEach((key, entries) -> {
            if (key.peerId().isPresent() && entries.stream().anyMatch(e -> e.network().equals(network))) {
                ids.add(key.peerId().get());
            }
        });
        return ids;
    }

    /** Every member named by PeerId, in any network. */
    public Set<PeerId> memberIds() {
        Set<PeerId> ids = new LinkedHashSet<>();
        byKey.keySet().forEach(k -> k.peerId().ifPresent(ids::add));
        return ids;
    }

    /** The member whose host name is {@code hostname} in some network, the first network by name first. */
    public Optional<PeerId> byHostname(String hostname) {
        for (String network : networks.keySet()) {
            for (Map.Entry<PeerKey, List<Entry>> e : byKey.entrySet()) {
                for (Entry entry : e.getValue()) {
                    if (entry.network().equals(network) && entry.member().hostname().equals(Optional.of(hostname))
                            && e.getKey().peerId().isPresent()) {
                        return e.getKey().peerId();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Where the files say {@code peer} can be reached, as TCP multiaddrs. */
    public List<Multiaddr> configuredAddrs(PeerId peer) {
        Set<Multiaddr> addrs = new LinkedHashSet<>();
        for (Entry e : entries(peer)) {
            e.member().endpoint().ifPresent(ep -> addrs.add(toMultiaddr(ep)));
        }
        return List.copyOf(addrs);
    }

    /** {@code host[:port]} as a TCP multiaddr ({@code /ip4}, {@code /ip6} or {@code /dns}); {@link #DEFAULT_MEMBER_PORT} when it has no port. */
    public static Multiaddr toMultiaddr(Endpoint endpoint) {
        int port = endpoint.port().orElse(DEFAULT_MEMBER_PORT);
        String host = endpoint.host();
        String proto;
        if (host.startsWith("[")) {
            proto = "/ip6/" + host.substring(1, host.length() - 1);
        } else if (host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            proto = "/ip4/" + host;
        } else {
            proto = "/dns/" + host;
        }
        return Multiaddr.parse(proto + "/tcp/" + port);
    }

    private static Optional<PeerKey> keyOf(PeerId peer) {
        try {
            return Optional.of(PeerKey.of(peer));
        } catch (InvalidKeyException e) {
            return Optional.empty();
        }
    }
}
