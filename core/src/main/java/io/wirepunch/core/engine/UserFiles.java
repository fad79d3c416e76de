package io.wirepunch.core.engine;

import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the user's node keeps in its configuration directory, and its key. */
public final class UserFiles {
    /** The key file's name in the configuration directory. */
    public static final String KEY_FILE = "key";
    /** The open invitations' file. */
    public static final String INVITATIONS_FILE = "invitations";
    /** The directory of network files. */
    public static final String NETWORKS_DIR = "networks";
    /** Where the relay service keeps {@code stats.json} and its archive. */
    public static final String RELAY_DIR = "relay";
    /** Where the measurement results stay when no server is set. */
    public static final String MEASURE_DIR = "measure";

    private UserFiles() {}

    /**
     * The node's key from {@code configDir}; a missing key file is created first (mode 0600, written
     * atomically, in a directory only the user can enter). When two processes race to create it, the
     * one that loses reads the winner's key.
     */
    public static PrivateKey loadOrCreateKey(Path configDir) throws IOException {
        Path file = configDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            UserDirs.ensurePrivate(configDir);
            try {
                KeyFile.write(file, Keys.generateEd25519());
            } catch (FileAlreadyExistsException e) {
                // another process wrote it between the check and the write; its key is the one
            }
        }
        return KeyFile.read(file);
    }
}
