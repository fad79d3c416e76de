package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both ChaCha20-Poly1305 implementations behind CipherState, and the rule that picks one. */
class CipherStateImplementationTest {

    @ParameterizedTest
    @CsvSource({"JCA, JAVA", "JAVA, JCA", "JAVA, JAVA", "JCA, JCA"})
    void eachOpensWhatTheOtherSealsFrameAfterFrame(ChaChaPolyImplementation sender,
            ChaChaPolyImplementation receiver) throws Exception {
        Random random = new Random(3);
        byte[] key = new byte[32];
        random.nextBytes(key);
        CipherState encrypting = new CipherState(sender, key);
        CipherState decrypting = new CipherState(receiver, key);
        byte[] ad = {1, 2, 3};
        for (int frame = 0; frame < 50; frame++) { // the nonces advance in step on both sides
            int length = frame == 0 ? NoiseCipherHandler.MAX_PLAINTEXT : random.nextInt(3000);
            byte[] plain = new byte[length];
            random.nextBytes(plain);
            byte[] sealed = new byte[length + CipherState.TAG_LENGTH];
            assertThat(encrypting.encrypt(ad, plain, 0, length, sealed, 0)).isEqualTo(sealed.length);
            byte[] opened = new byte[length];
            assertThat(decrypting.decrypt(ad, sealed, 0, sealed.length, opened, 0)).isEqualTo(length);
            assertThat(opened).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @CsvSource({"JCA", "JAVA"})
    void aReplayedFrameFailsBecauseTheNonceMovedOn(ChaChaPolyImplementation implementation) throws Exception {
        byte[] key = new byte[32];
        CipherState encrypting = new CipherState(implementation, key);
        CipherState decrypting = new CipherState(implementation, key);
        byte[] sealed = new byte[5 + CipherState.TAG_LENGTH];
        encrypting.encrypt(null, new byte[5], 0, 5, sealed, 0);
        decrypting.decrypt(null, sealed, 0, sealed.length, new byte[5], 0);
        assertThatThrownBy(() -> decrypting.decrypt(null, sealed, 0, sealed.length, new byte[5], 0))
                .isInstanceOf(NoiseException.class).hasMessageContaining("tampered");
    }

    @Test
    void ruleUsesTheJdkWhereItHasIntrinsicsAndOursBefore() {
        assertThat(ChaChaPolyImplementation.choose(null, 17)).isEqualTo(ChaChaPolyImplementation.JAVA);
        assertThat(ChaChaPolyImplementation.choose(null, 20)).isEqualTo(ChaChaPolyImplementation.JAVA);
        assertThat(ChaChaPolyImplementation.choose(null, 21)).isEqualTo(ChaChaPolyImplementation.JCA);
        assertThat(ChaChaPolyImplementation.choose("", 25)).isEqualTo(ChaChaPolyImplementation.JCA);
        assertThat(ChaChaPolyImplementation.choose("java", 25)).isEqualTo(ChaChaPolyImplementation.JAVA);
        assertThat(ChaChaPolyImplementation.choose(" JCA ", 17)).isEqualTo(ChaChaPolyImplementation.JCA);
        assertThatThrownBy(() -> ChaChaPolyImplementation.choose("fast", 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ChaChaPolyImplementation.PROPERTY);
    }

    @Test
    void transportCipherStatesAndTheThroughputProbeUseThePreferredImplementation() {
        ChaChaPolyImplementation expected = ChaChaPolyImplementation.choose(
                System.getProperty(ChaChaPolyImplementation.PROPERTY), Runtime.version().feature());
        assertThat(ChaChaPolyImplementation.preferred()).isEqualTo(expected);
        assertThat(new CipherState(new byte[32]).implementation()).isEqualTo(expected);
        assertThat(CipherThroughput.implementation()).isEqualTo(expected.displayName());
    }
}
