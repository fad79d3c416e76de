package io.wirepunch.core.nat.upnp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bitlet.weupnp.GatewayDevice;
import org.bitlet.weupnp.GatewayDiscover;
import org.xml.sax.SAXException;

/**
 * SSDP discovery through weupnp: an M-SEARCH from every up, non-loopback IPv4 address of this
 * machine, so the LAN interface facing the gateway is among them whichever it is.
 */
final class WeupnpGatewayFinder implements GatewayFinder {
    /**
     * The one device type searched for. weupnp waits the whole timeout for each type it is given in
     * turn, so three types would triple the time when no gateway answers; every IGD answers for
     * version 1 (IGD v2 devices answer searches for v1 too).
     */
    static final String SEARCH_TYPE = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";

    @Override
    public Gateway find(Duration timeout, Duration httpTimeout) throws IOException, PortMappingException {
        // weupnp keeps the HTTP timeout in a static; every mapper sets the same value.
        GatewayDevice.setHttpReadTimeout(Math.toIntExact(httpTimeout.toMillis()));
        GatewayDiscover discover = new GatewayDiscover(new String[] {SEARCH_TYPE});
        discover.setTimeout(Math.toIntExact(timeout.toMillis()));
        Map<InetAddress, GatewayDevice> found;
        try {
            found = discover.discover();
        } catch (SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new PortMappingException("a gateway answered with a description that is not valid XML: "
                    + UpnpResponses.printable(e.getMessage()), e);
        }
        if (found.isEmpty()) {
            throw new PortMappingException("no UPnP gateway answered within " + timeout.toMillis() + " ms");
        }
        List<String> unusable = new ArrayList<>();
        for (GatewayDevice device : found.values()) {
            try {
                return WeupnpGateway.of(device);
            } catch (PortMappingException e) {
                unusable.add(e.getMessage());
            }
        }
        throw new PortMappingException(String.join("; ", unusable));
    }
}
