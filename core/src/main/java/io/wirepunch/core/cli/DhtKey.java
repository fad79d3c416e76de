package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Cid;
import io.wirepunch.core.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DHT key as typed on the command line, and the CID that names it.
 *
 * <ul>
 *   <li>A CID (v0 "Qm…" or multibase v1) stands for its multihash's bytes: what js and go kad-dht
 *       put on the wire as a provider key, so both versions of one CID meet the same providers.</li>
 *   <li>A peer id ("12D3KooW…", or its CID) stands for the id's bytes, the key a find-peer lookup uses.</li>
 *   <li>Any other text is a name: the key is the multihash of sha2-256 over its UTF-8, the CID a
 *       CIDv1 with the raw codec, printed so that others can use the same key.</li>
 * </ul>
 * Text shaped like a CID or peer id that does not decode is refused rather than hashed as a name,
 * so a mistyped CID is reported instead of silently naming other content.
 */
record DhtKey(byte[] bytes, String cid) {
    /** The help text of a KEY parameter. */
    static final String HELP = "A CID (v0 Qm… or v1; its multihash is the key), a peer id, or any other text"
            + " (the key of the raw CIDv1 of its SHA-256).";
    /** A CIDv0 is 46 characters; every CID and peer id text in use is at least that long. */
    static final int MIN_IDENTIFIER_CHARS = Cid.V0_TEXT_CHARS;
    /** How CIDs and peer ids begin: CIDv0, Ed25519 and secp256k1 peer ids, base32, base36 and base58btc CIDv1. */
    static final List<String> IDENTIFIER_PREFIXES = List.of(Cid.V0_TEXT_PREFIX, "12D3Koo", "16Uiu2", "ba", "k", "z");

    /** Every base58 peer id (an identity multihash) begins with this; a sha2-256 one is "Qm…" like a CIDv0. */
    private static final String BASE58_PEER_ID_PREFIX = "1";

    DhtKey {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    static DhtKey parse(String text) {
        if (text.isBlank()) {
            throw new CliException("the key is empty; give a CID, a peer id or a name");
        }
        try {
            Cid cid = Cid.parse(text);
            return new DhtKey(cid.multihash().toBytes(), cid.toString());
        } catch (RuntimeException notCid) {
            try {
                PeerId peer = PeerId.parse(text);
                return new DhtKey(peer.toBytes(), peer.toCid());
            } catch (RuntimeException notPeerId) {
                if (looksLikeIdentifier(text)) {
                    RuntimeException why = text.startsWith(BASE58_PEER_ID_PREFIX) ? notPeerId : notCid;
                    throw new CliException("'" + text + "' looks like a CID or peer id but is neither: "
                            + CommandErrors.sentence(why));
                }
            }
        }
        Multihash name = Multihash.sha256(text.getBytes(StandardCharsets.UTF_8));
        return new DhtKey(name.toBytes(), Cid.of(Cid.RAW, name).toString());
    }

    static boolean looksLikeIdentifier(String text) {
        return text.length() >= MIN_IDENTIFIER_CHARS
                && text.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))
                && IDENTIFIER_PREFIXES.stream().anyMatch(text::startsWith);
    }
}
