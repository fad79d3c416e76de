package io.wirepunch.core.identity;

import io.wirepunch.core.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity key file: one line, the libp2p-marshalled private key in base64 (what
 * {@code wirepunch genkey} prints). Written with mode 0600 from the first byte and moved into
 * place atomically, so a crash never leaves a half-written or briefly world-readable key.
 *
 * <p>Reading a file that group or others may read only warns: keys are also made with
 * {@code wirepunch genkey > FILE}, where the shell's umask decides the mode, and refusing those
 * would break that documented flow. Error messages never contain the file's content.
 */
public final class KeyFile {
    /** Largest key file read: an 8192-bit RSA key in base64 is about 6.3 KB. */
    public static final int MAX_FILE_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFile() {}

    /** The file's line for {@code key}, newline included. */
    public static String encodeLine(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.marshal()) + "\n";
    }

    /** Decodes one key line; a single trailing newline (LF or CRLF) is allowed, nothing else. */
    public static PrivateKey decodeLine(String text) {
        String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (line.isEmpty()) {
            throw new InvalidKeyException("key file is empty; expected one line of base64");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=';
            if (!base64) {
                throw new InvalidKeyException("key file is not one line of base64 (unexpected character at position " + i + ")");
            }
        }
        if (line.length() % 4 != 0) {
            throw new InvalidKeyException("key file is not valid base64 (length " + line.length() + " is not padded to a multiple of 4)");
        }
        byte[] marshalled;
        try {
            marshalled = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("key file is not valid base64 (bad length or padding)");
        }
        try {
            return Keys.unmarshalPrivate(marshalled);
        } finally {
            Arrays.fill(marshalled, (byte) 0);
        }
    }

    /** Reads the key at {@code path}; a file others may read is logged as a warning. */
    public static PrivateKey read(Path path) throws IOException {
        return read(path, LOG::warn);
    }

    /** Reads the key at {@code path}, telling {@code warnings} when group or others may read it. */
    public static PrivateKey read(Path path, Consumer<String> warnings) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new InvalidKeyException("key file " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null && !disjoint(posix.readAttributes().permissions(), SHARED)) {
            warnings.accept("key file " + path + " can be read or written by other users; run chmod 600 on it");
        }
        try {
            return decodeLine(new String(content, StandardCharsets.US_ASCII));
        } catch (InvalidKeyException e) {
            throw new InvalidKeyException(path + ": " + e.getMessage());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Writes {@code key} to {@code path}, which must not exist yet: a temporary file in the same
     * directory (mode 0600 from creation), fsync, then an atomic rename, then fsync of the directory.
     */
    public static void write(Path path, PrivateKey key) throws IOException {
        write(path, key, false);
    }

    /** As {@link #write(Path, PrivateKey)}; with {@code replace} an existing file is replaced atomically. */
    public static void write(Path path, PrivateKey key, boolean replace) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "key file already exists; not replacing it");
        }
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        byte[] line = encodeLine(key).getBytes(StandardCharsets.US_ASCII);
        Path temp;
        try {
            temp = posix
                    ? AtomicFiles.writeTemporary(target, line, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : AtomicFiles.writeTemporary(target, line);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
        try {
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                publishWithoutReplacing(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        AtomicFiles.syncDirectory(dir);
    }

    /**
     * rename(2) silently replaces an existing file, so a key that appeared after the check above
     * would be lost; a hard link fails instead. Where links are unsupported the rename is used.
     */
    private static void publishWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException e) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static boolean disjoint(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
        for (PosixFilePermission p : a) {
            if (b.contains(p)) {
                return false;
            }
        }
        return true;
    }
}
