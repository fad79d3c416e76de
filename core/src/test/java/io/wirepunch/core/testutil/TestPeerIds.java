package io.wirepunch.core.testutil;

import io.wirepunch.core.identity.PeerId;

/** Peer ids for tests that need many distinct ones without keys behind them. */
public final class TestPeerIds {
    private TestPeerIds() {}

    /** A valid sha2-256 peer id, distinct for every distinct {@code n}. */
    public static PeerId peer(int n) {
        byte[] bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        bytes[30] = (byte) (n >>> 24);
        bytes[31] = (byte) (n >>> 16);
        bytes[32] = (byte) (n >>> 8);
        bytes[33] = (byte) n;
        return PeerId.fromBytes(bytes);
    }
}
