package io.wirepunch.core.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import org.junit.jupiter.api.Test;

class InviteCryptoTest {
    private static final PeerId A = Keys.generateEd25519().publicKey().peerId();
    private static final PeerId B = Keys.generateEd25519().publicKey().peerId();
    private static final byte[] SECRET = InviteCrypto.random(32);
    private static final byte[] NI = InviteCrypto.random(32);
    private static final byte[] NJ = InviteCrypto.random(32);

    @Test
    void theRolesMacsDifferSoNeitherCanBeReflected() {
        byte[] joiner = InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, B, NI, NJ);
        byte[] inviter = InviteCrypto.mac(SECRET, InviteCrypto.INVITER_ROLE, A, B, NI, NJ);
        assertThat(joiner).hasSize(InviteCrypto.MAC_BYTES).isNotEqualTo(inviter);
        assertThat(InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, B, NI, NJ)).isEqualTo(joiner);
    }

    @Test
    void everyFieldOfTheTranscriptCounts() {
        byte[] base = InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, B, NI, NJ);
        assertThat(InviteCrypto.mac(InviteCrypto.random(32), InviteCrypto.JOINER_ROLE, A, B, NI, NJ)).isNotEqualTo(base);
        assertThat(InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, B, A, NI, NJ)).isNotEqualTo(base);
        assertThat(InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, A, NI, NJ)).isNotEqualTo(base);
        assertThat(InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, B, NJ, NI)).isNotEqualTo(base);
        assertThat(InviteCrypto.mac(SECRET, InviteCrypto.JOINER_ROLE, A, B, NI, InviteCrypto.random(32))).isNotEqualTo(base);
    }

    @Test
    void theIdIsAHashOfTheSecretNotThSecret() {
        byte[] id = InviteCrypto.invitationId(SECRET);
        assertThat(id).hasSize(InviteCrypto.ID_BYTES).isEqualTo(InviteCrypto.invitationId(SECRET.clone()));
        assertThat(id).isNotEqualTo(java.util.Arrays.copyOf(SECRET, InviteCrypto.ID_BYTES));
        assertThat(InviteCrypto.sameMac(id, null)).isFalse();
        assertThat(InviteCrypto.sameMac(id, id.clone())).isTrue();
    }
}
