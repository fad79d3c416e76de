package io.wirepunch.core.protocol.identify;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoded identify message. Addresses we cannot parse (transports we do not speak) are dropped one by
 * one; a public key that does not belong to the sender invalidates the whole message.
 */
public record IdentifyInfo(String agentVersion, String protocolVersion, List<String> protocols,
                           List<Multiaddr> listenAddrs, Optional<Multiaddr> observedAddr,
                           Optional<PublicKey> publicKey) {
    private static final Logger log = LoggerFactory.getLogger(IdentifyInfo.class);

    public IdentifyProtos.Identify toProto() {
        IdentifyProtos.Identify.Builder b = IdentifyProtos.Identify.newBuilder()
                .setAgentVersion(agentVersion)
                .setProtocolVersion(protocolVersion)
                .addAllProtocols(protocols);
        listenAddrs.forEach(a -> b.addListenAddrs(ByteString.copyFrom(a.toBytes())));
        observedAddr.ifPresent(a -> b.setObservedAddr(ByteString.copyFrom(a.toBytes())));
        publicKey.ifPresent(k -> b.setPublicKey(ByteString.copyFrom(k.marshal())));
        return b.build();
    }

    /** Decodes a message that {@code sender} sent; throws {@link IdentifyException} when it cannot be trusted. */
    public static IdentifyInfo fromProto(IdentifyProtos.Identify pb, PeerId sender) {
        Optional<PublicKey> key = senderKey(pb, sender);
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString raw : pb.getListenAddrsList()) {
            parse(raw, sender).ifPresent(addrs::add);
        }
        Optional<Multiaddr> observed = pb.hasObservedAddr() ? parse(pb.getObservedAddr(), sender) : Optional.empty();
        return new IdentifyInfo(pb.getAgentVersion(), pb.getProtocolVersion(), List.copyOf(pb.getProtocolsList()),
                List.copyOf(addrs), observed, key);
    }

    /** The message's public key, if it has one; throws {@link IdentifyException} unless it is the sender's. */
    static Optional<PublicKey> senderKey(IdentifyProtos.Identify pb, PeerId sender) {
        if (!pb.hasPublicKey()) {
            return Optional.empty();
        }
        try {
            PublicKey k = Keys.unmarshalPublic(pb.getPublicKey().toByteArray());
            if (!sender.matches(k)) {
                throw new IdentifyException("identify from " + sender + " carries another peer's public key");
            }
            return Optional.of(k);
        } catch (InvalidKeyException e) {
            throw new IdentifyException("identify from " + sender + " carries a bad public key: " + e.getMessage());
        }
    }

    private static Optional<Multiaddr> parse(ByteString raw, PeerId sender) {
        try {
            return Optional.of(Multiaddr.fromBytes(raw.toByteArray()));
        } catch (RuntimeException e) {
            log.debug("identify from {}: skipping an address we cannot parse: {}", sender, e.getMessage());
            return Optional.empty();
        }
    }
}
