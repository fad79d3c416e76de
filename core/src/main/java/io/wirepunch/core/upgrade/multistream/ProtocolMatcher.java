package io.wirepunch.core.upgrade.multistream;

import java.util.Collection;
import java.util.List;

/** Decides which proposed protocols a {@link MultistreamResponder} accepts. */
@FunctionalInterface
public interface ProtocolMatcher {

    boolean supports(String protocol);

    /** The protocols named in the answer to {@code ls}; none unless overridden. */
    default Collection<String> advertised() {
        return List.of();
    }

    /** Accepts exactly {@code protocols} and lists them for {@code ls}. */
    static ProtocolMatcher of(Collection<String> protocols) {
        List<String> copy = List.copyOf(protocols);
        copy.forEach(MultistreamMessages::requireValidProtocol);
        return new ProtocolMatcher() {
            @Override
            public boolean supports(String protocol) {
                return copy.contains(protocol);
            }

            @Override
            public Collection<String> advertised() {
                return copy;
            }
        };
    }

    static ProtocolMatcher of(String... protocols) {
        return of(List.of(protocols));
    }
}
