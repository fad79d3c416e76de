package io.wirepunch.core.protocol.kad;

import io.wirepunch.core.identity.PeerId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One Kademlia RPC message, request or response (the spec uses the same message for both, and a
 * response carries its request's type). Immutable: the key is copied in and out. The unused
 * cluster level is not modelled.
 */
public record KadMessage(Type type, byte[] key, Optional<KadRecord> record, List<KadPeer> closerPeers,
                         List<KadPeer> providerPeers) {

    /** The RPC types with their numbers on the wire. */
    public enum Type {
        PUT_VALUE(0), GET_VALUE(1), ADD_PROVIDER(2), GET_PROVIDERS(3), FIND_NODE(4), PING(5);

        private final int wireNumber;

        Type(int wireNumber) {
            this.wireNumber = wireNumber;
        }

        public int wireNumber() {
            return wireNumber;
        }

        /** Whether the remote answers this request; ADD_PROVIDER is fire-and-forget in js and go. */
        public boolean expectsResponse() {
            return this != ADD_PROVIDER;
        }
    }

    public KadMessage {
        key = key.clone();
        closerPeers = List.copyOf(closerPeers);
        providerPeers = List.copyOf(providerPeers);
    }

    public static KadMessage of(Type type, byte[] key) {
        return new KadMessage(type, key, Optional.empty(), List.of(), List.of());
    }

    /** Asks for the peers closest to {@code target}; the key is the target's binary peer id. */
    public static KadMessage findNode(PeerId target) {
        return of(Type.FIND_NODE, target.toBytes());
    }

    public static KadMessage ping() {
        return of(Type.PING, new byte[0]);
    }

    public static KadMessage getProviders(byte[] key) {
        return of(Type.GET_PROVIDERS, key);
    }

    /** Announces {@code provider} (which receivers only accept when it is the sender) for {@code key}. */
    public static KadMessage addProvider(byte[] key, KadPeer provider) {
        return new KadMessage(Type.ADD_PROVIDER, key, Optional.empty(), List.of(), List.of(provider));
    }

    public static KadMessage getValue(byte[] key) {
        return of(Type.GET_VALUE, key);
    }

    public static KadMessage putValue(KadRecord record) {
        return new KadMessage(Type.PUT_VALUE, record.key(), Optional.of(record), List.of(), List.of());
    }

    public KadMessage withCloserPeers(List<KadPeer> peers) {
        return new KadMessage(type, key, record, peers, providerPeers);
    }

    public KadMessage withProviderPeers(List<KadPeer> peers) {
        return new KadMessage(type, key, record, closerPeers, peers);
    }

    public KadMessage withRecord(KadRecord r) {
        return new KadMessage(type, key, Optional.of(r), closerPeers, providerPeers);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KadMessage m && type == m.type && Arrays.equals(key, m.key) && record.equals(m.record)
                && closerPeers.equals(m.closerPeers) && providerPeers.equals(m.providerPeers);
    }

    @Override
    public int hashCode() {
        return ((type.hashCode() * 31 + Arrays.hashCode(key)) * 31 + record.hashCode()) * 31
                + closerPeers.hashCode() * 7 + providerPeers.hashCode();
    }

    @Override
    public String toString() {
        return "KadMessage[" + type + " key=" + HexFormat.of().formatHex(key) + record.map(r -> " " + r).orElse("")
                + " closer=" + closerPeers.size() + " providers=" + providerPeers.size() + "]";
    }
}
