package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.files.AtomicFiles;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the routing table's peers so a restarted node rejoins through them instead of only
 * through the bootstrap list. One peer a line:
 * {@code <peer id base58> <last seen, ISO-8601> <multiaddr, binary form in base64url>...};
 * lines starting with {@code #} are comments. Binary addresses keep the format free of any
 * character an address's text form might contain.
 *
 * <p>Loaded peers are not trusted: hand them to {@link RoutingTable#addBootstrapCandidates}, and
 * they join the table when they answer a query. A damaged line is skipped and counted rather
 * than failing the load, since a partial list still speeds up the rejoin.
 */
public final class RoutingTableStore {
    /**
     * A full table (5120 peers) with a few addresses each is well under 2 MiB; a larger file was
     * not written by us, and reading it whole would only waste memory.
     */
    public static final int DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final String HEADER = "# wirepunch routing table v1";

    private static final Logger LOG = LoggerFactory.getLogger(RoutingTableStore.class);

    private final int maxFileBytes;

    public RoutingTableStore() {
        this(DEFAULT_MAX_FILE_BYTES);
    }

    public RoutingTableStore(int maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** What {@link #load} read: the peers, and how many lines could not be used. */
    public record LoadResult(List<StoredPeer> peers, int skippedLines) {
        public LoadResult {
            peers = List.copyOf(peers);
        }
    }

    /**
     * Writes {@code peers} to {@code path} atomically (temporary file, fsync, rename). Peers that
     * would push the file past the size limit are left out, last ones first, so the file always
     * loads. Returns how many peers were written.
     */
    public int save(Path path, List<StoredPeer> peers) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        int written = 0;
        for (StoredPeer peer : peers) {
            String line = encode(peer);
            if (text.length() + line.length() > maxFileBytes) {
                break;
            }
            text.append(line);
            written++;
        }
        AtomicFiles.replace(path, text.toString().getBytes(StandardCharsets.US_ASCII));
        return written;
    }

    /** Reads a file written by {@link #save}; a file over the size limit is refused with an IOException. */
    public LoadResult load(Path path) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(maxFileBytes + 1);
        }
        if (content.length > maxFileBytes) {
            throw new IOException("routing table file " + path + " is larger than " + maxFileBytes + " bytes; not loading it");
        }
        List<StoredPeer> peers = new ArrayList<>();
        Set<PeerId> seen = new HashSet<>();
        int skipped = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            StoredPeer peer = decode(line);
            if (peer == null || !seen.add(peer.peerId())) {
                skipped++;
            } else {
                peers.add(peer);
            }
        }
        if (skipped > 0) {
            LOG.warn("skipped {} unreadable line(s) of routing table file {}", skipped, path);
        }
        return new LoadResult(peers, skipped);
    }

    static String encode(StoredPeer peer) {
        StringBuilder line = new StringBuilder(peer.peerId().toBase58()).append(' ').append(peer.lastSeen());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (Multiaddr address : peer.addresses()) {
            line.append(' ').append(base64.encodeToString(address.toBytes()));
        }
        return line.append('\n').toString();
    }

    /** The peer of one line, or null when any part of it does not parse. */
    static StoredPeer decode(String line) {
        String[] fields = line.strip().split(" ");
        if (fields.length < 2) {
            return null;
        }
        try {
            PeerId peer = PeerId.fromBase58(fields[0]);
            Instant lastSeen = Instant.parse(fields[1]);
            List<Multiaddr> addresses = new ArrayList<>();
            for (int i = 2; i < fields.length && addresses.size() < RoutingTable.MAX_ADDRESSES_PER_PEER; i++) {
                addresses.add(Multiaddr.fromBytes(Base64.getUrlDecoder().decode(fields[i])));
            }
            return new StoredPeer(peer, addresses, lastSeen);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
