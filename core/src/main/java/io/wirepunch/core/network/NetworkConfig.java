package io.wirepunch.core.network;

import io.wirepunch.core.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network of trusted peers, as one file in WireHub's line format describes it:
 *
 * <pre>
 * name office                       # the network's name
 * subnet 10.0.42.0/24               # the overlay's IPv4 network
 * workbit 8                         # optional: work bits the DHT asks of keys
 * boot 12D3KooW… boot.example.org:4001
 * trust laptop 12D3KooW…            # trust [hostname] [ip] &lt;key&gt; [endpoint]
 * trust nas 10.0.42.7 12D3KooW… nas.example.org:4001
 * router gw 12D3KooW…               # a trusted peer that also routes
 * </pre>
 *
 * The grammar, limits and decisions are in {@code docs/NETWORKS.md}; {@link ConfigParser} reads it
 * and {@link #toText()} writes it back, so that {@code parse(c.toText())} equals {@code c}
 * (comments and blank lines are not kept). The constructor checks every rule the parser does, so a
 * configuration built in code is as valid as one read from a file.
 */
public record NetworkConfig(String name, Optional<Ipv4Subnet> subnet, OptionalInt workbits,
                            List<BootPeer> bootPeers, List<Member> members) {
    /** Largest configuration file, in bytes (UTF-8). */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** Most lines in a file, blank and comment lines included. */
    public static final int MAX_LINES = 8192;
    /** Longest line, in characters, its comment included. */
    public static final int MAX_LINE_LENGTH = 1024;
    /** Most members ({@code trust} and {@code router} lines). */
    public static final int MAX_MEMBERS = 1024;
    /** Most {@code boot} lines. */
    public static final int MAX_BOOT_PEERS = 64;
    /** Longest network name. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Largest {@code workbit}, as for {@code genkey --workbits}. */
    public static final int MAX_WORKBITS = 32;

    public NetworkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(workbits, "workbits");
        bootPeers = List.copyOf(bootPeers);
        members = List.copyOf(members);
        ConfigRules.check(name, subnet, workbits, bootPeers, members, null, null);
    }

    /** Parses a configuration's text; a {@link NetworkConfigException} names the line and what is wrong. */
    public static NetworkConfig parse(String text) {
        return ConfigParser.parse(text);
    }

    /** Reads and parses a configuration file of at most {@link #MAX_FILE_BYTES} bytes of UTF-8. */
    public static NetworkConfig read(Path path) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new NetworkConfigException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NetworkConfigException(path + " is not UTF-8 text");
        }
        return parse(text);
    }

    /** Writes {@link #toText()} to {@code path} atomically ({@link AtomicFiles#replace}). */
    public void write(Path path) throws IOException {
        AtomicFiles.replace(path, toText().getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration in its file format: name, subnet and workbit, then boot lines, then members, each in order. */
    public String toText() {
        return ConfigWriter.write(this);
    }

    /** A copy with one more member; the same checks apply. */
    public NetworkConfig withMember(Member member) {
        List<Member> more = new java.util.ArrayList<>(members);
        more.add(member);
        return new NetworkConfig(name, subnet, workbits, bootPeers, more);
    }
}
