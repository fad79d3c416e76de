package io.wirepunch.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The system's resolvers: TXT records through the JDK's JNDI DNS provider (the servers of the
 * system configuration, with a bounded timeout), addresses through {@link InetAddress#getAllByName}.
 */
public final class SystemDns implements TxtLookup, HostLookup {
    /** Tries of each DNS server per TXT query; one, so a query waits about the timeout per server. */
    public static final int TXT_TRIES = 1;

    private final Duration timeout;

    public SystemDns(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public List<String> txt(String name) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(TXT_TRIES));
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> records = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    records.add(unquote(String.valueOf(values.next())));
                }
            }
            return records;
        } catch (NameNotFoundException e) {
            throw new IOException("no such name", e);
        } catch (NamingException e) {
            throw new IOException(e.getExplanation() == null ? e.toString() : e.getExplanation(), e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held open to release
                }
            }
        }
    }

    @Override
    public List<InetAddress> addresses(String name) throws IOException {
        return List.of(InetAddress.getAllByName(name));
    }

    /** JNDI returns a record's strings quoted when it has several or they hold spaces. */
    private static String unquote(String record) {
        if (record.length() >= 2 && record.startsWith("\"") && record.endsWith("\"")) {
            return record.substring(1, record.length() - 1);
        }
        return record;
    }
}
