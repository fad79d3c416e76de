package io.wirepunch.core.nat.upnp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.util.Map;
import org.bitlet.weupnp.GatewayDevice;
import org.xml.sax.SAXException;

/** A {@link Gateway} through weupnp's {@link GatewayDevice}. */
final class WeupnpGateway implements Gateway {
    private final GatewayDevice device;

    private WeupnpGateway(GatewayDevice device) {
        this.device = device;
    }

    /**
     * Wraps a device whose description weupnp has loaded.
     *
     * @throws PortMappingException when the description names no WAN connection service to call
     */
    static WeupnpGateway of(GatewayDevice device) throws PortMappingException {
        String type = device.getServiceType();
        String control = device.getControlURL();
        if (type == null || control == null || !(type.contains(":WANIPConnection:") || type.contains(":WANPPPConnection:"))) {
            throw new PortMappingException("the gateway at " + UpnpResponses.printable(device.getLocation())
                    + " describes no WANIPConnection or WANPPPConnection service");
        }
        if (!control.startsWith("http://")) {
            throw new PortMappingException("the gateway's control URL is not http: " + UpnpResponses.printable(control));
        }
        return new WeupnpGateway(device);
    }

    /** Loads the description at {@code location} as discovery would (tests call it on a fake gateway). */
    static WeupnpGateway load(URL location, InetAddress localAddress) throws IOException, PortMappingException {
        GatewayDevice device = new GatewayDevice();
        device.setLocation(location.toString());
        device.setLocalAddress(localAddress);
        try {
            device.loadDescription();
        } catch (SAXException | RuntimeException e) {
            throw new PortMappingException("the gateway's description at " + location + " is not valid XML: "
                    + UpnpResponses.printable(e.getMessage()), e);
        }
        return of(device);
    }

    @Override
    public String description() {
        String name = device.getFriendlyName() == null ? device.getModelName() : device.getFriendlyName();
        return UpnpResponses.printable(name == null ? "unnamed gateway" : name) + " at "
                + UpnpResponses.printable(device.getLocation());
    }

    @Override
    public InetAddress localAddress() {
        return device.getLocalAddress();
    }

    @Override
    public Map<String, String> call(String action, Map<String, String> args) throws IOException {
        try {
            return GatewayDevice.simpleUPnPcommand(device.getControlURL(), device.getServiceType(), action, args);
        } catch (SAXException | RuntimeException e) {
            throw new IOException("the reply is not valid XML: "
                    + UpnpResponses.printable(e.getMessage()), e);
        }
    }
}
