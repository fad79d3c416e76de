package io.wirepunch.core.upgrade.noise;

import java.security.KeyPair;
import java.util.Arrays;

/**
 * The Noise XX handshake for either role:
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 * Messages are written and read strictly in that order; anything else is a protocol error.
 */
final class HandshakeState {
    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    static final int MAX_MESSAGE_LENGTH = 65535;
    private static final int KEY = X25519.KEY_LENGTH;
    private static final int TAG = CipherState.TAG_LENGTH;

    private final boolean initiator;
    private final SymmetricState symmetric = new SymmetricState(PROTOCOL_NAME);
    private final KeyPair localStatic;
    private KeyPair localEphemeral;
    private byte[] remoteEphemeral;
    private byte[] remoteStatic;
    private int messageIndex;

    HandshakeState(boolean initiator, KeyPair localStatic) {
        this(initiator, localStatic, null, new byte[0]);
    }

    /** @param fixedEphemeral a preset ephemeral key (test vectors only); null to generate one */
    HandshakeState(boolean initiator, KeyPair localStatic, KeyPair fixedEphemeral, byte[] prologue) {
        this.initiator = initiator;
        this.localStatic = localStatic;
        this.localEphemeral = fixedEphemeral;
        symmetric.mixHash(prologue);
    }

    boolean isInitiator() {
        return initiator;
    }

    boolean isComplete() {
        return messageIndex == 3;
    }

    /** True when the next step is ours to write rather than to read. */
    boolean isOurTurn() {
        return !isComplete() && ((messageIndex % 2 == 0) == initiator);
    }

    byte[] writeMessage(byte[] payload) throws NoiseException {
        if (!isOurTurn()) {
            throw new NoiseException("handshake out of order: not our turn to write message " + (messageIndex + 1));
        }
        byte[][] parts;
        switch (messageIndex) {
            case 0 -> parts = new byte[][] {writeEphemeral(), symmetric.encryptAndHash(payload)};
            case 1 -> {
                byte[] e = writeEphemeral();
                symmetric.mixKey(X25519.dh(localEphemeral, remoteEphemeral));
                byte[] s = symmetric.encryptAndHash(X25519.publicBytes(localStatic));
                symmetric.mixKey(X25519.dh(localStatic, remoteEphemeral));
                parts = new byte[][] {e, s, symmetric.encryptAndHash(payload)};
            }
            default -> {
                byte[] s = symmetric.encryptAndHash(X25519.publicBytes(localStatic));
                symmetric.mixKey(X25519.dh(localStatic, remoteEphemeral));
                parts = new byte[][] {s, symmetric.encryptAndHash(payload)};
            }
        }
        messageIndex++;
        byte[] message = concat(parts);
        if (message.length > MAX_MESSAGE_LENGTH) {
            throw new NoiseException("handshake message " + messageIndex + " would be " + message.length
                    + " bytes, over the 65535-byte limit");
        }
        return message;
    }

    /** Processes the remote's next message and returns its decrypted payload. */
    byte[] readMessage(byte[] message) throws NoiseException {
        if (isComplete() || isOurTurn()) {
            throw new NoiseException("handshake out of order: did not expect a message now");
        }
        int number = messageIndex + 1;
        int minimum = switch (messageIndex) {
            case 0 -> KEY;
            case 1 -> KEY + KEY + TAG + TAG;
            default -> KEY + TAG + TAG;
        };
        if (message.length < minimum) {
            throw new NoiseException("handshake message " + number + " is truncated: " + message.length
                    + " bytes, at least " + minimum + " expected");
        }
        int pos = 0;
        if (messageIndex != 2) {
            remoteEphemeral = Arrays.copyOfRange(message, 0, KEY);
            symmetric.mixHash(remoteEphemeral);
            pos = KEY;
        }
        if (messageIndex == 1) {
            symmetric.mixKey(X25519.dh(localEphemeral, remoteEphemeral));
        }
        if (messageIndex != 0) {
            remoteStatic = symmetric.decryptAndHash(message, pos, KEY + TAG);
            pos += KEY + TAG;
            // message 2 carries "es" (our ephemeral, their static); message 3 carries "se"
            symmetric.mixKey(X25519.dh(localEphemeral, remoteStatic));
        }
        byte[] payload = symmetric.decryptAndHash(message, pos, message.length - pos);
        messageIndex++;
        return payload;
    }

    /** The remote's static X25519 key, known once its "s" token has been read. */
    byte[] remoteStaticKey() {
        if (remoteStatic == null) {
            throw new IllegalStateException("remote static key not received yet");
        }
        return remoteStatic.clone();
    }

    byte[] localStaticKey() {
        return X25519.publicBytes(localStatic);
    }

    byte[] handshakeHash() {
        return symmetric.handshakeHash();
    }

    /** The transport ciphers as {sender, receiver} for this side. */
    CipherState[] transportCiphers() throws NoiseException {
        if (!isComplete()) {
            throw new NoiseException("handshake not complete");
        }
        CipherState[] split = symmetric.split();
        return initiator ? split : new CipherState[] {split[1], split[0]};
    }

    private byte[] writeEphemeral() {
        if (localEphemeral == null) {
            localEphemeral = X25519.generateKeyPair();
        }
        byte[] e = X25519.publicBytes(localEphemeral);
        symmetric.mixHash(e);
        return e;
    }

    private static byte[] concat(byte[][] parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
