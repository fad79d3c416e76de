package io.wirepunch.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** The IPv4 and IPv6 addresses of a DNS name; blocking. */
public interface HostLookup {
    List<InetAddress> addresses(String name) throws IOException;
}
