package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;

/**
 * Whether a peer may take part in a DHT that requires work bits: judged on the key the peer proved
 * in its handshake when we have it, otherwise on the key its id inlines (an id that inlines none
 * cannot show work and is refused).
 */
final class WorkGate {
    private WorkGate() {}

    static boolean admits(WorkRequirement work, Peerstore peerstore, PeerId peer) {
        if (work.bits() == 0) {
            return true;
        }
        return peerstore.publicKey(peer).map(work::admits).orElseGet(() -> work.admits(peer));
    }
}
