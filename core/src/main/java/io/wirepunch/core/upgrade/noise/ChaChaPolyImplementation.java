package io.wirepunch.core.upgrade.noise;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which ChaCha20-Poly1305 the Noise CipherStates use.
 *
 * <p>The rule: the JDK's own from Java 21 on, ours before. JDK 17's provider computes Poly1305
 * with generic big-number limbs and ChaCha20 through byte-array views, so {@link ChaCha20Poly1305}
 * (ChaCha20 in vectorised lanes) is over twice as fast there, about 600 against 250 MB/s on
 * 65519-byte frames with AVX-512; JDK 20 added ChaCha20 and Poly1305 intrinsics (AVX2/AVX-512),
 * which stay several times faster than this plain Java code (about 2300 against 650 MB/s on
 * JDK 25, same machine), and 21 is the first long-term release that has them. The system property {@value #PROPERTY} ({@code jca} or {@code java}) overrides
 * the rule, e.g. to run the tests on both.
 */
enum ChaChaPolyImplementation {
    JCA("jca", JcaChaChaPoly::new),
    JAVA("java", ChaCha20Poly1305::new);

    static final String PROPERTY = "wirepunch.noise.cipher";
    static final int FIRST_FEATURE_WITH_INTRINSICS = 21;

    private final String propertyValue;
    private final Supplier<ChaChaPolyCipher> factory;

    ChaChaPolyImplementation(String propertyValue, Supplier<ChaChaPolyCipher> factory) {
        this.propertyValue = propertyValue;
        this.factory = factory;
    }

    /** A new, unkeyed cipher of this implementation. */
    ChaChaPolyCipher create() {
        return factory.get();
    }

    /** The implementation this JVM uses, decided once. */
    static ChaChaPolyImplementation preferred() {
        return Preferred.VALUE;
    }

    /** Its own class, so that a bad property fails where it is used and not the enum itself. */
    private static final class Preferred {
        static final ChaChaPolyImplementation VALUE =
                choose(System.getProperty(PROPERTY), Runtime.version().feature());
    }

    static ChaChaPolyImplementation choose(String property, int javaFeatureVersion) {
        if (property != null && !property.isBlank()) {
            for (ChaChaPolyImplementation implementation : values()) {
                if (implementation.propertyValue.equals(property.trim().toLowerCase(Locale.ROOT))) {
                    return implementation;
                }
            }
            throw new IllegalArgumentException(PROPERTY + " must be jca or java, not " + property);
        }
        return javaFeatureVersion >= FIRST_FEATURE_WITH_INTRINSICS ? JCA : JAVA;
    }

    /** The name a benchmark prints: {@code jca} or {@code java}. */
    String displayName() {
        return propertyValue;
    }
}
