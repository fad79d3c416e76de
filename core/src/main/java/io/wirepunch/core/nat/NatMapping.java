package io.wirepunch.core.nat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The mapping behaviour and the reports it rests on: for each local endpoint that at least
 * {@link #MIN_OBSERVERS} observer groups reported, the external endpoints they saw.
 */
public record NatMapping(MappingBehaviour behaviour, List<Evidence> evidence) {
    /** Observer groups one local endpoint needs before its reports say anything about the mapping. */
    public static final int MIN_OBSERVERS = 2;

    public static final NatMapping UNKNOWN = new NatMapping(MappingBehaviour.UNKNOWN, List.of());

    /** What observers reported for one local endpoint: each external endpoint with its number of observer groups. */
    public record Evidence(InetSocketAddress local, Map<InetSocketAddress, Integer> externals) {
        public Evidence {
            externals = Map.copyOf(externals);
        }

        public int observers() {
            return externals.values().stream().mapToInt(Integer::intValue).sum();
        }

        public MappingBehaviour behaviour() {
            if (observers() < MIN_OBSERVERS) {
                return MappingBehaviour.UNKNOWN;
            }
            return externals.size() == 1 ? MappingBehaviour.ENDPOINT_INDEPENDENT : MappingBehaviour.ENDPOINT_DEPENDENT;
        }

        /** No translation at all: observers see the local endpoint itself. */
        public boolean untranslated() {
            return externals.size() == 1 && externals.containsKey(local);
        }
    }

    /**
     * Dependent as soon as one local endpoint was seen under two external endpoints (one such
     * mapping is enough to defeat a plain punch); independent when every endpoint with enough
     * observers kept one; unknown otherwise.
     */
    public static NatMapping from(List<Evidence> evidence) {
        List<Evidence> telling = evidence.stream().filter(e -> e.behaviour() != MappingBehaviour.UNKNOWN).toList();
        if (telling.isEmpty()) {
            return UNKNOWN;
        }
        boolean dependent = telling.stream().anyMatch(e -> e.behaviour() == MappingBehaviour.ENDPOINT_DEPENDENT);
        return new NatMapping(dependent ? MappingBehaviour.ENDPOINT_DEPENDENT : MappingBehaviour.ENDPOINT_INDEPENDENT,
                List.copyOf(telling));
    }
}
