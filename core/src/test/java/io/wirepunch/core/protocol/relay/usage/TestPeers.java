package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;

/** Peer ids for usage tests: valid sha2-256 multihashes, distinct per number. */
final class TestPeers {
    private TestPeers() {}

    static PeerId peer(int n) {
        byte[] bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        bytes[2] = (byte) (n >>> 24);
        bytes[3] = (byte) (n >>> 16);
        bytes[4] = (byte) (n >>> 8);
        bytes[5] = (byte) n;
        bytes[33] = 7;
        return PeerId.fromBytes(bytes);
    }
}
