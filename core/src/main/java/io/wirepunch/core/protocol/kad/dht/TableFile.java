package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.protocol.kad.routing.RoutingTableStore;
import io.wirepunch.core.protocol.kad.routing.StoredPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing table file of one DHT, if it has one. Neither a missing nor a damaged file stops the
 * DHT: it then joins through its configured peers alone.
 */
final class TableFile {
    private static final Logger log = LoggerFactory.getLogger(TableFile.class);

    private final Optional<Path> path;
    private final RoutingTableStore store = new RoutingTableStore();

    TableFile(Optional<Path> path) {
        this.path = path;
    }

    List<StoredPeer> load() {
        if (path.isEmpty()) {
            return List.of();
        }
        try {
            return store.load(path.get()).peers();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Could not read the saved DHT routing table {}: {}", path.get(), e.getMessage());
            return List.of();
        }
    }

    void save(List<StoredPeer> peers) {
        if (path.isEmpty()) {
            return;
        }
        try {
            Path parent = path.get().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            store.save(path.get(), peers);
        } catch (IOException e) {
            log.warn("Could not save the DHT routing table to {}: {}", path.get(), e.getMessage());
        }
    }
}
