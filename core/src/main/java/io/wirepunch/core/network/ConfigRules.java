package io.wirepunch.core.network;

import io.wirepunch.core.identity.PeerId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rules a whole configuration obeys, whichever way it was made. Given the line of each boot
 * peer and member, errors name the line; a duplicate names both lines. Duplicates are errors, never
 * "last wins": a trust file that says two things about one peer is a mistake to show, not to guess.
 */
final class ConfigRules {

    private ConfigRules() {}

    static void check(String name, Optional<Ipv4Subnet> subnet, OptionalInt workbits, List<BootPeer> bootPeers,
                      List<Member> members, int[] bootLines, int[] memberLines) {
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            throw new NetworkConfigException("name: '" + name + "' " + nameProblem);
        }
        if (workbits.isPresent() && (workbits.getAsInt() < 0 || workbits.getAsInt() > NetworkConfig.MAX_WORKBITS)) {
            throw new NetworkConfigException("workbit: " + workbits.getAsInt() + " is outside 0–" + NetworkConfig.MAX_WORKBITS);
        }
        if (bootPeers.size() > NetworkConfig.MAX_BOOT_PEERS) {
            throw new NetworkConfigException(line(bootLines, NetworkConfig.MAX_BOOT_PEERS),
                    "boot: more than " + NetworkConfig.MAX_BOOT_PEERS + " boot peers");
        }
        if (members.size() > NetworkConfig.MAX_MEMBERS) {
            throw new NetworkConfigException(line(memberLines, NetworkConfig.MAX_MEMBERS),
                    "more than " + NetworkConfig.MAX_MEMBERS + " members (trust and router lines)");
        }
        Map<PeerId, Integer> bootIds = new HashMap<>();
        for (int i = 0; i < bootPeers.size(); i++) {
            Integer earlier = bootIds.putIfAbsent(bootPeers.get(i).id(), i);
            if (earlier != null) {
                throw new NetworkConfigException(line(bootLines, i), "boot: peer " + bootPeers.get(i).id()
                        + " is already a boot peer" + at(bootLines, earlier));
            }
        }
        if (!members.isEmpty() && subnet.isEmpty()) {
            throw new NetworkConfigException(line(memberLines, 0),
                    members.get(0).role().keyword() + ": members need a 'subnet' line");
        }
        Map<PeerKey, Integer> keys = new HashMap<>();
        Map<String, Integer> hostnames = new HashMap<>();
        Map<Integer, Integer> ips = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String what = m.role().keyword() + ": ";
            Integer earlier = keys.putIfAbsent(m.key(), i);
            if (earlier != null) {
                throw new NetworkConfigException(line(memberLines, i), what + "peer " + m.key().text()
                        + " is already a member" + at(memberLines, earlier)
                        + (m.key().text().equals(members.get(earlier).key().text()) ? "" : " (the same X25519 key)"));
            }
            if (m.hostname().isPresent()) {
                earlier = hostnames.putIfAbsent(m.hostname().get(), i);
                if (earlier != null) {
                    throw new NetworkConfigException(line(memberLines, i), what + "host name '" + m.hostname().get()
                            + "' is already taken" + at(memberLines, earlier));
                }
            }
            if (m.ip().isPresent()) {
                int ip = m.ip().get();
                Ipv4Subnet net = subnet.get();
                if (!net.contains(ip)) {
                    throw new NetworkConfigException(line(memberLines, i), what + Ipv4Subnet.format(ip)
                            + " is not inside the subnet " + net);
                }
                if (net.hostIndex(ip) == 0) {
                    throw new NetworkConfigException(line(memberLines, i), what + Ipv4Subnet.format(ip)
                            + " is the network or broadcast address of " + net);
                }
                earlier = ips.putIfAbsent(ip, i);
                if (earlier != null) {
                    throw new NetworkConfigException(line(memberLines, i), what + Ipv4Subnet.format(ip)
                            + " is already taken" + at(memberLines, earlier));
                }
            }
        }
        if (subnet.isPresent() && members.size() > subnet.get().hostCount()) {
            throw new NetworkConfigException("subnet " + subnet.get() + " has room for " + subnet.get().hostCount()
                    + " members, but " + members.size() + " are listed");
        }
    }

    /** Why {@code name} cannot name a network, or null: 1–64 of letters, digits, '.', '_' and '-'. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > NetworkConfig.MAX_NAME_LENGTH) {
            return "is longer than " + NetworkConfig.MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return "has a character other than letters, digits, '.', '_' and '-'";
            }
        }
        return null;
    }

    private static int line(int[] lines, int index) {
        return lines == null || index >= lines.length ? 0 : lines[index];
    }

    private static String at(int[] lines, int index) {
        return lines == null ? "" : " at line " + lines[index];
    }
}
