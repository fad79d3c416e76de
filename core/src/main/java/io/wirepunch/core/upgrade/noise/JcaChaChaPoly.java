package io.wirepunch.core.upgrade.noise;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 from the JDK's provider. One Cipher is kept and re-initialised per message,
 * because creating a Cipher costs far more than re-keying it.
 */
final class JcaChaChaPoly implements ChaChaPolyCipher {
    private final Cipher cipher;
    private final byte[] nonceBytes = new byte[12];
    private SecretKeySpec key;

    JcaChaChaPoly() {
        try {
            cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ChaCha20-Poly1305", e);
        }
    }

    @Override
    public void setKey(byte[] k) {
        key = new SecretKeySpec(k, 0, KEY_LENGTH, "ChaCha20");
    }

    @Override
    public int seal(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, nonce, ad);
        return cipher.doFinal(in, inOff, len, out, outOff);
    }

    @Override
    public int open(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        init(Cipher.DECRYPT_MODE, nonce, ad);
        return cipher.doFinal(in, inOff, len, out, outOff);
    }

    private void init(int mode, long nonce, byte[] ad) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException("no key set");
        }
        for (int i = 0; i < 8; i++) {
            nonceBytes[4 + i] = (byte) (nonce >>> (8 * i)); // 4 zero bytes, then the counter little-endian
        }
        cipher.init(mode, key, new IvParameterSpec(nonceBytes));
        if (ad != null && ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
