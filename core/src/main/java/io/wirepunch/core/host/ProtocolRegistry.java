package io.wirepunch.core.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The protocols this host answers, and who answers each. */
public final class ProtocolRegistry implements Predicate<String> {
    /** libp2p protocol ids are short paths; longer ones are refused at registration. */
    public static final int MAX_PROTOCOL_ID_LENGTH = 256;

    private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
    private final Runnable onChange;

    public ProtocolRegistry(Runnable onChange) {
        this.onChange = onChange;
    }

    public void register(String protocol, StreamHandler handler) {
        if (protocol.isEmpty() || protocol.length() > MAX_PROTOCOL_ID_LENGTH || !protocol.startsWith("/")
                || protocol.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a valid protocol id: '" + protocol + "'");
        }
        if (handlers.put(protocol, handler) == null) {
            onChange.run();
        }
    }

    public void unregister(String protocol) {
        if (handlers.remove(protocol) != null) {
            onChange.run();
        }
    }

    public Optional<StreamHandler> handler(String protocol) {
        return Optional.ofNullable(handlers.get(protocol));
    }

    /** The ids in a stable order, as identify announces them. */
    public List<String> ids() {
        return handlers.keySet().stream().sorted().toList();
    }

    @Override
    public boolean test(String protocol) {
        return handlers.containsKey(protocol);
    }
}
