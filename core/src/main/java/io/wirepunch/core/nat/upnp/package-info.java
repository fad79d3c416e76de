/**
 * Port mapping on the home router through UPnP IGD: {@link io.wirepunch.core.nat.upnp.PortMapper}
 * is what the node and netcheck use, {@link io.wirepunch.core.nat.upnp.UpnpPortMapper} the
 * implementation (discovery and SOAP calls through weupnp), {@link io.wirepunch.core.nat.upnp.NodeUpnp}
 * the glue that maps a host's TCP port and announces the public address.
 */
package io.wirepunch.core.nat.upnp;
