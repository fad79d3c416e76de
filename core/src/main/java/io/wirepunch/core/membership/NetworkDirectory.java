package io.wirepunch.core.membership;

import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.NetworkConfigException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The networks a node belongs to: one file per network in WireHub's format, named
 * {@code <network name>.conf}, in one directory. Reading never throws for one bad file: its
 * problem is reported and the other networks load.
 */
public final class NetworkDirectory {
    public static final String SUFFIX = ".conf";
    /** Most networks a node reads; files past it are reported and left out. */
    public static final int MAX_NETWORKS = 64;

    /** What a scan found: the networks by name, and one sentence per file that could not be used. */
    public record Scan(Map<String, NetworkConfig> networks, List<String> problems) {
        public Scan {
            networks = Collections.unmodifiableMap(new TreeMap<>(networks));
            problems = List.copyOf(problems);
        }
    }

    private final Path dir;

    public NetworkDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file of the network {@code name}; a valid network name is a safe file name unless it starts with '.'. */
    public Path fileOf(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
            throw new IllegalArgumentException("network name '" + name + "' cannot name a file");
        }
        return dir.resolve(name + SUFFIX);
    }

    /** Reads every {@code *.conf} file, in name order; a missing directory holds no network. */
    public synchronized Scan scan() throws IOException {
        Map<String, NetworkConfig> networks = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Scan(networks, problems);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            listing.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            if (networks.size() == MAX_NETWORKS) {
                problems.add(file + ": left out; a node reads at most " + MAX_NETWORKS + " networks");
                continue;
            }
            read(file, problems).ifPresent(c -> networks.put(c.name(), c));
        }
        return new Scan(networks, problems);
    }

    private static Optional<NetworkConfig> read(Path file, List<String> problems) {
        String fileName = file.getFileName().toString();
        String expected = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            NetworkConfig c = NetworkConfig.read(file);
            if (!c.name().equals(expected)) {
                problems.add(file + ": names the network '" + c.name() + "'; the file must be called " + c.name() + SUFFIX);
                return Optional.empty();
            }
            return Optional.of(c);
        } catch (NetworkConfigException e) {
            problems.add(file + ": " + e.getMessage());
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Reads the network {@code name} (empty when it has no file), applies {@code change}, and writes
     * what it returns atomically; returns the new configuration. Changes are serialised.
     *
     * @throws NetworkConfigException when the existing file does not parse
     */
    public synchronized NetworkConfig update(String name, UnaryOperator<Optional<NetworkConfig>> change) throws IOException {
        Path file = fileOf(name);
        Optional<NetworkConfig> current = Files.exists(file) ? Optional.of(NetworkConfig.read(file)) : Optional.empty();
        NetworkConfig next = change.apply(current).orElseThrow(() -> new IllegalArgumentException("no network to write"));
        if (!next.name().equals(name)) {
            throw new IllegalArgumentException("network '" + next.name() + "' written as '" + name + "'");
        }
        if (current.isEmpty() || !current.get().equals(next)) {
            UserDirs.ensurePrivate(dir);
            next.write(file);
        }
        return next;
    }
}
