package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;
import java.util.Optional;

/** The two AutoNAT v1 messages, decoded. */
public sealed interface AutoNatMessage {

    /** "Dial me back at these addresses": {@code peer} must be the requester itself. */
    record Dial(PeerId peer, List<Multiaddr> addrs) implements AutoNatMessage {
        public Dial {
            addrs = List.copyOf(addrs);
        }
    }

    /** The outcome; {@code addr} is the address that was dialled successfully, when the server says. */
    record DialResponse(ResponseStatus status, String statusText, Optional<Multiaddr> addr) implements AutoNatMessage {
        public static DialResponse ok(Multiaddr addr) {
            return new DialResponse(ResponseStatus.OK, "", Optional.of(addr));
        }

        public static DialResponse error(ResponseStatus status, String text) {
            return new DialResponse(status, text, Optional.empty());
        }
    }
}
