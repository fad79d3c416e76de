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
}
