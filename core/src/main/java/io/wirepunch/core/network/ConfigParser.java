package io.wirepunch.core.network;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the line format of {@link NetworkConfig}. Each line is a directive and its words,
 * separated by spaces or tabs; {@code #} starts a comment that runs to the end of the line. Lines
 * may come in any order. The first error ends the parse with a {@link NetworkConfigException}
 * that names the line.
 */
final class ConfigParser {
    private static final String MEMBER_GRAMMAR = "[hostname] [ip] <peer id> [endpoint]";

    private String name;
    private int nameLine;
    private Ipv4Subnet subnet;
    private int subnetLine;
    private Integer workbits;
    private int workbitLine;
    private final List<BootPeer> bootPeers = new ArrayList<>();
    private final List<Integer> bootLines = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<Integer> memberLines = new ArrayList<>();

    private ConfigParser() {}

    static NetworkConfig parse(String text) {
        if (text.length() > NetworkConfig.MAX_FILE_BYTES || utf8Length(text) > NetworkConfig.MAX_FILE_BYTES) {
            throw new NetworkConfigException("the configuration is larger than " + NetworkConfig.MAX_FILE_BYTES + " bytes");
        }
        ConfigParser parser = new ConfigParser();
        int start = 0;
        int lineNumber = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            if (lineNumber > NetworkConfig.MAX_LINES) {
                throw new NetworkConfigException(lineNumber, "the configuration has more than " + NetworkConfig.MAX_LINES + " lines");
            }
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            if (end - start > NetworkConfig.MAX_LINE_LENGTH) {
                throw new NetworkConfigException(lineNumber, "the line is longer than " + NetworkConfig.MAX_LINE_LENGTH + " characters");
            }
            parser.line(lineNumber, text.substring(start, end));
            start = next;
        }
        return parser.build();
    }

    private void line(int number, String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new NetworkConfigException(number, String.format("control character U+%04X", (int) c));
            }
        }
        int hash = line.indexOf('#');
        String content = hash >= 0 ? line.substring(0, hash) : line;
        List<String> words = words(content);
        if (words.isEmpty()) {
            return;
        }
        String directive = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (directive) {
            case "name" -> name(number, args);
            case "subnet" -> subnet(number, args);
            case "workbit" -> workbit(number, args);
            case "boot" -> boot(number, args);
            case "trust" -> member(number, Member.Role.TRUST, args);
            case "router" -> member(number, Member.Role.ROUTER, args);
            default -> throw new NetworkConfigException(number, "'" + shorten(directive)
                    + "' is not a directive (name, subnet, workbit, boot, trust, router)");
        }
    }

    private void name(int number, List<String> args) {
        requireOne(number, "name", args, "name <network name>");
        if (name != null) {
            throw new NetworkConfigException(number, "name: already set at line " + nameLine);
        }
        String problem = ConfigRules.nameProblem(args.get(0));
        if (problem != null) {
            throw new NetworkConfigException(number, "name: '" + shorten(args.get(0)) + "' " + problem);
        }
        name = args.get(0);
        nameLine = number;
    }

    private void subnet(int number, List<String> args) {
        requireOne(number, "subnet", args, "subnet <a.b.c.d/n>");
        if (subnet != null) {
            throw new NetworkConfigException(number, "subnet: already set at line " + subnetLine);
        }
        try {
            subnet = Ipv4Subnet.parse(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new NetworkConfigException(number, "subnet: " + e.getMessage());
        }
        subnetLine = number;
    }

    private void workbit(int number, List<String> args) {
        requireOne(number, "workbit", args, "workbit <0–" + NetworkConfig.MAX_WORKBITS + ">");
        if (workbits != null) {
            throw new NetworkConfigException(number, "workbit: already set at line " + workbitLine);
        }
        String text = args.get(0);
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > NetworkConfig.MAX_WORKBITS || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new NetworkConfigException(number, "workbit: '" + shorten(text) + "' is not a number from 0 to "
                    + NetworkConfig.MAX_WORKBITS);
        }
        workbits = Integer.parseInt(text);
        workbitLine = number;
    }

    private void boot(int number, List<String> args) {
        if (args.size() != 2) {
            throw new NetworkConfigException(number, "boot: expected 'boot <peer id> <host[:port]>'");
        }
        String keyText = args.get(0);
        if (looksLikeWireGuardKey(keyText)) {
            throw new NetworkConfigException(number, "boot: '" + keyText
                    + "' is a WireGuard key, which cannot be dialled; name boot peers by peer id");
        }
        PeerId id = parsePeerId(keyText);
        if (id == null) {
            throw new NetworkConfigException(number, "boot: '" + shorten(keyText) + "' is not a peer id");
        }
        Endpoint endpoint = endpoint(number, "boot", args.get(1));
        bootPeers.add(new BootPeer(id, endpoint));
        bootLines.add(number);
    }

    private void member(int number, Member.Role role, List<String> args) {
        String what = role.keyword() + ": ";
        String hostname = null;
        Integer ip = null;
        PeerKey key = null;
        Endpoint endpoint = null;
        String lastWord = null;
        for (String word : args) {
            if (key == null) {
                key = key(number, what, word);
                if (key != null) {
                    continue;
                }
                if (Ipv4Subnet.looksLikeAddress(word) || word.indexOf(':') >= 0) {
                    ip = address(number, what, word, ip);
                    continue;
                }
                String problem = Hostnames.problem(word, true);
                if (problem != null || hostname != null) {
                    throw new NetworkConfigException(number, what + "'" + shorten(word) + "' is not a peer id"
                            + (hostname == null ? ", nor a host name: it " + problem : ""));
                }
                hostname = word;
                lastWord = word;
            } else if (endpoint == null) {
                endpoint = endpoint(number, role.keyword(), word);
            } else {
                throw new NetworkConfigException(number, what + "unexpected '" + shorten(word)
                        + "' after the endpoint; expected '" + role.keyword() + " " + MEMBER_GRAMMAR + "'");
            }
        }
        if (key == null) {
            throw new NetworkConfigException(number, lastWord == null
                    ? what + "no peer id; expected '" + role.keyword() + " " + MEMBER_GRAMMAR + "'"
                    : what + "'" + shorten(lastWord) + "' is not a peer id");
        }
        members.add(new Member(role, Optional.ofNullable(hostname), Optional.ofNullable(ip), key, Optional.ofNullable(endpoint)));
        memberLines.add(number);
    }

    /** The key {@code word} names, null when it is not shaped like a key, or an error when it is but does not decode. */
    private static PeerKey key(int number, String what, String word) {
        if (looksLikeWireGuardKey(word)) {
            try {
                return PeerKey.ofWireGuard(WireGuardKeys.fromText(word));
            } catch (InvalidKeyException e) {
                throw new NetworkConfigException(number, what + "'" + word + "' is not a WireGuard key: " + e.getMessage());
            }
        }
        PeerId id = parsePeerId(word);
        if (id == null) {
            if (word.startsWith("12D3KooW") || word.startsWith("Qm")) {
                throw new NetworkConfigException(number, what + "'" + shorten(word) + "' is not a peer id");
            }
            return null;
        }
        try {
            return PeerKey.of(id);
        } catch (InvalidKeyException e) {
            throw new NetworkConfigException(number, what + "'" + shorten(word) + "' is " + e.getMessage());
        }
    }

    private static Integer address(int number, String what, String word, Integer earlier) {
        if (word.indexOf(':') >= 0) {
            throw new NetworkConfigException(number, what + "'" + shorten(word)
                    + "' is not an IPv4 address (IPv6 overlay addresses are derived from the key)");
        }
        if (earlier != null) {
            throw new NetworkConfigException(number, what + "a second address '" + word + "'; one member has one");
        }
        try {
            return Ipv4Subnet.parseAddress(word);
        } catch (IllegalArgumentException e) {
            throw new NetworkConfigException(number, what + e.getMessage());
        }
    }

    private static Endpoint endpoint(int number, String directive, String word) {
        try {
            return Endpoint.parse(word);
        } catch (IllegalArgumentException e) {
            throw new NetworkConfigException(number, directive + ": '" + shorten(word) + "' is not an endpoint (host[:port]): "
                    + e.getMessage());
        }
    }

    private static boolean looksLikeWireGuardKey(String word) {
        return word.length() == WireGuardKeys.TEXT_LENGTH && word.endsWith("=");
    }

    private static PeerId parsePeerId(String word) {
        try {
            return PeerId.parse(word);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void requireOne(int number, String directive, List<String> args, String grammar) {
        if (args.size() != 1) {
            throw new NetworkConfigException(number, directive + ": expected '" + grammar + "'");
        }
    }

    private NetworkConfig build() {
        if (name == null) {
            throw new NetworkConfigException("no 'name' line: every network has a name");
        }
        int[] boots = bootLines.stream().mapToInt(Integer::intValue).toArray();
        int[] lines = memberLines.stream().mapToInt(Integer::intValue).toArray();
        Optional<Ipv4Subnet> net = Optional.ofNullable(subnet);
        OptionalInt work = workbits == null ? OptionalInt.empty() : OptionalInt.of(workbits);
        ConfigRules.check(name, net, work, bootPeers, members, boots, lines);
        return new NetworkConfig(name, net, work, bootPeers, members);
    }

    private static List<String> words(String content) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < content.length()) {
            while (i < content.length() && isSpace(content.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < content.length() && !isSpace(content.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(content.substring(start, i));
            }
        }
        return words;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Bad input is quoted, but never more than a screen's width of it. */
    static String shorten(String word) {
        return word.length() <= 64 ? word : word.substring(0, 60) + "…";
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
