package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of invitations: fresh secrets and nonces, the invitation id derived from the
 * secret, and the two MACs of the proof. Each MAC names its role first, so the inviter can never
 * answer a joiner with the joiner's own MAC reflected back.
 */
final class InviteCrypto {
    /** Length of an invitation's secret. */
    static final int SECRET_BYTES = 32;
    /** Length of each side's nonce in the proof. */
    static final int NONCE_BYTES = 32;
    /** Length of an HMAC-SHA256. */
    static final int MAC_BYTES = 32;
    /** Length of the invitation id the joiner names: a truncated hash of the secret. */
    static final int ID_BYTES = 16;

    static final String TRANSCRIPT_LABEL = "wirepunch-invite-v1";
    static final String ID_LABEL = "wirepunch-invite-id-v1";
    static final String JOINER_ROLE = "joiner";
    static final String INVITER_ROLE = "inviter";

    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCrypto() {}

    static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    /** The first {@link #ID_BYTES} of SHA-256(ID_LABEL ‖ secret): names the invitation without revealing it. */
    static byte[] invitationId(byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ID_LABEL.getBytes(StandardCharsets.US_ASCII));
            sha.update(secret);
            return Arrays.copyOf(sha.digest(), ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * HMAC-SHA256 keyed with the secret over: role ‖ TRANSCRIPT_LABEL ‖ inviter ‖ joiner ‖
     * invitation id ‖ inviter nonce ‖ joiner nonce, each field preceded by its length as one
     * 16-bit big-endian number, so no two transcripts share their bytes.
     */
    static byte[] mac(byte[] secret, String role, PeerId inviter, PeerId joiner, byte[] inviterNonce, byte[] joinerNonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            field(hmac, role.getBytes(StandardCharsets.US_ASCII));
            field(hmac, TRANSCRIPT_LABEL.getBytes(StandardCharsets.US_ASCII));
            field(hmac, inviter.toBytes());
            field(hmac, joiner.toBytes());
            field(hmac, invitationId(secret));
            field(hmac, inviterNonce);
            field(hmac, joinerNonce);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }

    private static void field(Mac hmac, byte[] bytes) {
        hmac.update(ByteBuffer.allocate(2).putShort((short) bytes.length).array());
        hmac.update(bytes);
    }

    /** Compares two MACs in time independent of where they differ. */
    static boolean sameMac(byte[] expected, byte[] actual) {
        return actual != null && MessageDigest.isEqual(expected, actual);
    }
}
