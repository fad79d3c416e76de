package io.wirepunch.core.upgrade.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Noise SymmetricState over SHA-256: the chaining key, the handshake hash and a CipherState. */
final class SymmetricState {
    static final int HASH_LENGTH = 32;

    private final MessageDigest sha256;
    private final Mac hmac;
    private final CipherState cipher = new CipherState();
    private byte[] chainingKey;
    private byte[] hash;

    SymmetricState(String protocolName) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            hmac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        hash = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH) : sha256.digest(name);
        chainingKey = hash.clone();
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = hkdf(inputKeyMaterial, 2);
        chainingKey = out[0];
        cipher.initializeKey(out[1]); // HASHLEN equals the key length, so no truncation is needed
    }

    void mixHash(byte[] data) {
        mixHash(data, 0, data.length);
    }

    void mixHash(byte[] data, int off, int len) {
        sha256.update(hash);
        sha256.update(data, off, len);
        hash = sha256.digest();
    }

    boolean hasKey() {
        return cipher.hasKey();
    }

    byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
        byte[] out;
        if (cipher.hasKey()) {
            out = new byte[plaintext.length + CipherState.TAG_LENGTH];
            cipher.encrypt(hash, plaintext, 0, plaintext.length, out, 0);
        } else {
            out = plaintext.clone();
        }
        mixHash(out);
        return out;
    }

    byte[] decryptAndHash(byte[] message, int off, int len) throws NoiseException {
        byte[] out;
        if (cipher.hasKey()) {
            out = new byte[Math.max(0, len - CipherState.TAG_LENGTH)];
            cipher.decrypt(hash, message, off, len, out, 0);
        } else {
            out = Arrays.copyOfRange(message, off, off + len);
        }
        mixHash(message, off, len);
        return out;
    }

    /** The two transport CipherStates: first for initiator-to-responder, second for the reverse. */
    CipherState[] split() {
        byte[][] keys = hkdf(new byte[0], 2);
        CipherState[] result = {new CipherState(keys[0]), new CipherState(keys[1])};
        Arrays.fill(keys[0], (byte) 0);
        Arrays.fill(keys[1], (byte) 0);
        Arrays.fill(chainingKey, (byte) 0);
        return result;
    }

    byte[] handshakeHash() {
        return hash.clone();
    }

    private byte[][] hkdf(byte[] inputKeyMaterial, int outputs) {
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[][] out = new byte[outputs][];
        byte[] previous = new byte[0];
        for (int i = 0; i < outputs; i++) {
            byte[] input = Arrays.copyOf(previous, previous.length + 1);
            input[previous.length] = (byte) (i + 1);
            out[i] = hmac(tempKey, input);
            previous = out[i];
        }
        Arrays.fill(tempKey, (byte) 0);
        return out;
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 refused a 32-byte key", e);
        }
        return hmac.doFinal(data);
    }
}
