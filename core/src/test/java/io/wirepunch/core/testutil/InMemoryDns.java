package io.wirepunch.core.testutil;

import io.wirepunch.core.dns.HostLookup;
import io.wirepunch.core.dns.MultiaddrResolver;
import io.wirepunch.core.dns.TxtLookup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** DNS answers held in maps, so that tests never reach a real server; unknown names do not resolve. */
public final class InMemoryDns implements TxtLookup, HostLookup {
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> hosts = new ConcurrentHashMap<>();

    public InMemoryDns txt(String name, String... records) {
        txt.put(name, List.of(records));
        return this;
    }

    public InMemoryDns txt(String name, List<String> records) {
        txt.put(name, List.copyOf(records));
        return this;
    }

    public InMemoryDns host(String name, String... ips) {
        return host(name, List.of(ips).stream().map(InMemoryDns::literal).toList());
    }

    public InMemoryDns host(String name, List<InetAddress> ips) {
        hosts.put(name, List.copyOf(ips));
        return this;
    }

    public MultiaddrResolver resolver() {
        return MultiaddrResolver.of(this, this);
    }

    @Override
    public List<String> txt(String name) throws IOException {
        List<String> records = txt.get(name);
        if (records == null) {
            throw new IOException("no such name");
        }
        return records;
    }

    @Override
    public List<InetAddress> addresses(String name) throws IOException {
        List<InetAddress> ips = hosts.get(name);
        if (ips == null) {
            throw new UnknownHostException("no such name");
        }
        return ips;
    }

    private static InetAddress literal(String ip) {
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(ip + " is not an IP literal");
        }
        try {
            return InetAddress.getByName(ip); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip + " is not an IP literal", e);
        }
    }
}
