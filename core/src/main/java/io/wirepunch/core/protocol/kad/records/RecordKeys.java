package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Record keys of the two namespaces we accept. Both are binary, like go-libp2p's /pk/ keys:
 * <ul>
 *   <li>{@code "/pk/" ‖ peer id bytes}</li>
 *   <li>{@code "/wirepunch/" ‖ peer id bytes ‖ "/" ‖ name}, name being 1 to {@link #MAX_NAME_BYTES}
 *       ASCII characters from {@code [A-Za-z0-9._-]}.</li>
 * </ul>
 * Peer id bytes may themselves contain '/', so they are not split on it: a peer id is a multihash
 * whose second byte is its digest length, which tells where it ends.
 */
public final class RecordKeys {
    public static final String PK_PREFIX = "/pk/";
    public static final String WIREPUNCH_PREFIX = "/wirepunch/";
    /** Record names are labels ("profile", "relay-list"), not data. */
    public static final int MAX_NAME_BYTES = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_BYTES + "}");
    private static final byte[] PK = PK_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WIREPUNCH = WIREPUNCH_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private RecordKeys() {}

    /** A parsed /wirepunch/ key. */
    public record WirepunchKey(PeerId owner, String name) {}

    public static byte[] pk(PeerId peer) {
        return concat(PK, peer.toBytes());
    }

    public static byte[] wirepunch(PeerId owner, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("record name must be 1-" + MAX_NAME_BYTES + " of [A-Za-z0-9._-]");
        }
        return concat(WIREPUNCH, owner.toBytes(), new byte[] {'/'}, name.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isPk(byte[] key) {
        return startsWith(key, PK);
    }

    static boolean isWirepunch(byte[] key) {
        return startsWith(key, WIREPUNCH);
    }

    /** The peer a /pk/ key names, if the rest of the key is exactly one valid peer id. */
    static Optional<PeerId> parsePk(byte[] key) {
        return peerIdAt(key, PK.length).filter(id -> PK.length + id.toBytes().length == key.length);
    }

    static Optional<WirepunchKey> parseWirepunch(byte[] key) {
        Optional<PeerId> owner = peerIdAt(key, WIREPUNCH.length);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        int slash = WIREPUNCH.length + owner.get().toBytes().length;
        if (slash >= key.length || key[slash] != '/') {
            return Optional.empty();
        }
        String name = new String(key, slash + 1, key.length - slash - 1, StandardCharsets.ISO_8859_1);
        return NAME.matcher(name).matches() ? Optional.of(new WirepunchKey(owner.get(), name)) : Optional.empty();
    }

    private static Optional<PeerId> peerIdAt(byte[] key, int offset) {
        if (key.length < offset + 2) {
            return Optional.empty();
        }
        int end = offset + 2 + (key[offset + 1] & 0xFF);
        if (end > key.length) {
            return Optional.empty();
        }
        try {
            return Optional.of(PeerId.fromBytes(Arrays.copyOfRange(key, offset, end)));
        } catch (InvalidKeyException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
