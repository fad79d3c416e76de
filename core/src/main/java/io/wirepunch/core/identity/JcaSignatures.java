package io.wirepunch.core.identity;

import java.security.GeneralSecurityException;
import java.security.Signature;

/** Signing and verifying through the JDK's {@link Signature}, shared by the key types that use it. */
final class JcaSignatures {
    private JcaSignatures() {}

    /** False for a wrong signature and for one the algorithm cannot even parse (bad DER, wrong size). */
    static boolean verify(String algorithm, java.security.PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static byte[] sign(String algorithm, java.security.PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
    }
}
