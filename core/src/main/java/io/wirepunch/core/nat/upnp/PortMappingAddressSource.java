package io.wirepunch.core.nat.upnp;

import io.wirepunch.core.host.AddressSource;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;

/** The mapped public address, {@code /ip4/<external ip>/tcp/<external port>}, while there is one. */
public final class PortMappingAddressSource implements AddressSource {
    private final PortMapper mapper;

    public PortMappingAddressSource(PortMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<Multiaddr> addresses() {
        return mapper.current().map(m -> List.of(m.externalMultiaddr())).orElse(List.of());
    }

    @Override
    public String toString() {
        return "UPnP port mapping";
    }
}
