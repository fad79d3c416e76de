package io.wirepunch.core.protocol.kad.workbits;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ed25519CandidatesTest {

    @Test
    void theMarshalledPrefixIsWhatPublicKeyMarshalWrites() {
        byte[] marshalled = Keys.generateEd25519().publicKey().marshal();
        assertThat(Arrays.copyOf(marshalled, Ed25519Candidates.MARSHALLED_PREFIX.length))
                .isEqualTo(Ed25519Candidates.MARSHALLED_PREFIX);
        assertThat(marshalled).hasSize(Ed25519Candidates.MARSHALLED_PREFIX.length + 32);
    }

    @Test
    void eachCandidatesWorkIsTheWorkOfTheKeyItsSeedBuilds() {
        Ed25519Candidates candidates = new Ed25519Candidates(WorkBits.namespaceBytes("net"));
        for (int i = 0; i < 50; i++) {
            int work = candidates.next();
            PrivateKey key = candidates.keyOfSeed();
            assertThat(work).isEqualTo(WorkBits.of(key.publicKey(), "net"));
            assertThat(key.publicKey().verify(new byte[] {1, 2, 3}, key.sign(new byte[] {1, 2, 3}))).isTrue();
        }
    }

    @Test
    void seedsDiffer() {
        Ed25519Candidates candidates = new Ed25519Candidates(new byte[0]);
        candidates.next();
        PrivateKey first = candidates.keyOfSeed();
        candidates.next();
        assertThat(candidates.keyOfSeed().publicKey()).isNotEqualTo(first.publicKey());
    }

    @Test
    void forgettingDrawsAFreshBatchAndTheBatchFitsTheDerivation() {
        assertThat(Ed25519Candidates.BATCH).isBetween(1, io.wirepunch.core.crypto.ed25519.Ed25519PublicKeys.MAX_BATCH);
        Ed25519Candidates candidates = new Ed25519Candidates(new byte[0]);
        java.util.Set<io.wirepunch.core.identity.PublicKey> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            candidates.next();
            seen.add(candidates.keyOfSeed().publicKey());
        }
        candidates.forget();
        for (int i = 0; i < Ed25519Candidates.BATCH + 1; i++) {
            int work = candidates.next();
            PrivateKey key = candidates.keyOfSeed();
            assertThat(work).isEqualTo(WorkBits.of(key.publicKey(), ""));
            assertThat(seen.add(key.publicKey())).isTrue();
        }
    }
}
