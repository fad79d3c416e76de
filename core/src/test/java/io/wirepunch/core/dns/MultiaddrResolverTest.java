package io.wirepunch.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.testutil.InMemoryDns;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MultiaddrResolverTest {
    private final InMemoryDns dns = new InMemoryDns();
    private final PeerId a = Keys.generateEd25519().publicKey().peerId();
    private final PeerId b = Keys.generateEd25519().publicKey().peerId();

    private List<Multiaddr> resolve(String addr) throws Exception {
        return dns.resolver().resolve(Multiaddr.parse(addr)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Throwable failure(MultiaddrResolver resolver, String addr) throws Exception {
        return resolver.resolve(Multiaddr.parse(addr)).toCompletableFuture()
                .handle((r, e) -> e instanceof CompletionException ? e.getCause() : e).get(5, TimeUnit.SECONDS);
    }

    private static List<String> texts(List<Multiaddr> addrs) {
        return addrs.stream().map(Multiaddr::toString).toList();
    }

    @Test
    void anAddressWithoutANameComesBackAsItselfWithoutALookup() throws Exception {
        String addr = "/ip4/192.0.2.1/tcp/4001/p2p/" + a;
        assertThat(MultiaddrResolver.needsResolution(Multiaddr.parse(addr))).isFalse();
        CompletableFuture<List<Multiaddr>> result = dns.resolver().resolve(Multiaddr.parse(addr)).toCompletableFuture();
        assertThat(result).isCompleted();
        assertThat(texts(result.get())).containsExactly(addr);
        for (String named : List.of("/dns/x.example/tcp/1", "/dns4/x.example/tcp/1", "/dns6/x.example/tcp/1",
                "/dnsaddr/x.example")) {
            assertThat(MultiaddrResolver.needsResolution(Multiaddr.parse(named))).as(named).isTrue();
        }
    }

    @Test
    void dns4KeepsIpv4AndDns6Ipv6AndDnsBothWithTheRestOfTheAddressKept() throws Exception {
        dns.host("both.example", "192.0.2.7", "2001:db8::7");
        assertThat(texts(resolve("/dns4/both.example/tcp/4001/p2p/" + a)))
                .containsExactly("/ip4/192.0.2.7/tcp/4001/p2p/" + a);
        assertThat(texts(resolve("/dns6/both.example/udp/4001/quic-v1")))
                .containsExactly("/ip6/2001:db8::7/udp/4001/quic-v1");
        assertThat(texts(resolve("/dns/both.example/tcp/1")))
                .containsExactly("/ip4/192.0.2.7/tcp/1", "/ip6/2001:db8::7/tcp/1");

        dns.host("v4only.example", "192.0.2.8");
        assertThat(failure(dns.resolver(), "/dns6/v4only.example/tcp/1"))
                .isInstanceOf(DnsResolutionException.class).hasMessage("the name v4only.example has no IPv6 address");
    }

    @Test
    void aDnsaddrKeepsOnlyTheRecordsEndingInTheSamePeerId() throws Exception {
        dns.txt("_dnsaddr.boot.example",
                "dnsaddr=/ip4/192.0.2.1/tcp/4001/p2p/" + a,
                "dnsaddr=/ip4/192.0.2.2/tcp/4001/p2p/" + b,
                "dnsaddr=/ip6/2001:db8::1/tcp/4001/p2p/" + a);
        assertThat(texts(resolve("/dnsaddr/boot.example/p2p/" + a))).containsExactly(
                "/ip4/192.0.2.1/tcp/4001/p2p/" + a, "/ip6/2001:db8::1/tcp/4001/p2p/" + a);
        assertThat(resolve("/dnsaddr/boot.example")).hasSize(3);

        PeerId nobody = Keys.generateEd25519().publicKey().peerId();
        assertThat(failure(dns.resolver(), "/dnsaddr/boot.example/p2p/" + nobody))
                .isInstanceOf(DnsResolutionException.class)
                .hasMessageContaining("_dnsaddr.boot.example has no dnsaddr record for /dnsaddr/boot.example/p2p/" + nobody);
    }

    @Test
    void nestedDnsaddrAndDnsRecordsResolveDownToIpAddresses() throws Exception {
        dns.txt("_dnsaddr.boot.example", "dnsaddr=/dnsaddr/ams.boot.example/p2p/" + a)
                .txt("_dnsaddr.ams.boot.example", "dnsaddr=/dns4/node.ams.boot.example/tcp/4001/p2p/" + a)
                .host("node.ams.boot.example", "192.0.2.9");
        assertThat(texts(resolve("/dnsaddr/boot.example/p2p/" + a))).containsExactly("/ip4/192.0.2.9/tcp/4001/p2p/" + a);
    }

    /** A chain of {@code levels} /dnsaddr names, the last pointing at an IP address. */
    private String chain(int levels) {
        for (int i = 0; i < levels; i++) {
            String next = i + 1 < levels ? "/dnsaddr/d" + (i + 1) + ".example" : "/ip4/192.0.2.3/tcp/1";
            dns.txt("_dnsaddr.d" + i + ".example", "dnsaddr=" + next + "/p2p/" + a);
        }
        return "/dnsaddr/d0.example/p2p/" + a;
    }

    @Test
    void dnsaddrRecordsNestMaxDnsaddrDepthLevelsAndNoDeeper() throws Exception {
        assertThat(texts(resolve(chain(MultiaddrResolver.MAX_DNSADDR_DEPTH)))).containsExactly("/ip4/192.0.2.3/tcp/1/p2p/" + a);

        assertThat(failure(dns.resolver(), chain(MultiaddrResolver.MAX_DNSADDR_DEPTH + 1)))
                .isInstanceOf(DnsResolutionException.class)
                .hasMessage("the /dnsaddr records of d" + MultiaddrResolver.MAX_DNSADDR_DEPTH
                        + ".example nest deeper than " + MultiaddrResolver.MAX_DNSADDR_DEPTH + " levels");
    }

    @Test
    void aRecordThatPointsAtItselfEndsAtTheDepthLimit() throws Exception {
        dns.txt("_dnsaddr.loop.example", "dnsaddr=/dnsaddr/loop.example");
        assertThat(failure(dns.resolver(), "/dnsaddr/loop.example")).hasMessageContaining("nest deeper than");
    }

    @Test
    void noMoreThanMaxResolvedAddrsComeBack() throws Exception {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 0; i < MultiaddrResolver.MAX_RESOLVED_ADDRS + 10; i++) {
            many.add(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        dns.host("many.example", many.subList(0, MultiaddrResolver.MAX_RESOLVED_ADDRS));
        assertThat(resolve("/dns4/many.example/tcp/1")).hasSize(MultiaddrResolver.MAX_RESOLVED_ADDRS);
        dns.host("many.example", many);
        List<Multiaddr> resolved = resolve("/dns4/many.example/tcp/1");
        assertThat(resolved).hasSize(MultiaddrResolver.MAX_RESOLVED_ADDRS);
        assertThat(resolved.get(0).toString()).isEqualTo("/ip4/10.0.0.0/tcp/1");

        // Two names of MAX addresses each behind one dnsaddr: the second adds nothing.
        dns.host("more.example", many).txt("_dnsaddr.two.example", "dnsaddr=/dns4/many.example/tcp/1",
                "dnsaddr=/dns4/more.example/tcp/2");
        assertThat(resolve("/dnsaddr/two.example")).hasSize(MultiaddrResolver.MAX_RESOLVED_ADDRS)
                .allSatisfy(m -> assertThat(m.toString()).endsWith("/tcp/1"));
    }

    @Test
    void onlyTheFirstMaxTxtRecordsOfANameAreRead() throws Exception {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < MultiaddrResolver.MAX_TXT_RECORDS - 1; i++) {
            records.add("dnsaddr=/ip4/192.0.2.1/tcp/" + (i + 1) + "/p2p/" + b);
        }
        records.add("dnsaddr=/ip4/192.0.2.2/tcp/1/p2p/" + a);
        dns.txt("_dnsaddr.full.example", records);
        assertThat(resolve("/dnsaddr/full.example/p2p/" + a)).hasSize(1);

        records.add(0, "dnsaddr=/ip4/192.0.2.1/tcp/9999/p2p/" + b);
        dns.txt("_dnsaddr.full.example", records);
        assertThat(failure(dns.resolver(), "/dnsaddr/full.example/p2p/" + a))
                .hasMessageContaining("has no dnsaddr record");
    }

    @Test
    void malformedTxtRecordsAreSkipped() throws Exception {
        dns.txt("_dnsaddr.mixed.example",
                "v=spf1 -all",
                "",
                "dnsaddr=",
                "dnsaddr=garbage",
                "dnsaddr=/ip4/999.0.0.1/tcp/1/p2p/" + a,
                "dnsaddr=/ip4/192.0.2.1/tcp/99999/p2p/" + a,
                "DNSADDR=/ip4/192.0.2.1/tcp/1/p2p/" + a,
                "dnsaddr=/ip4/192.0.2.4/tcp/4001/p2p/" + a);
        assertThat(texts(resolve("/dnsaddr/mixed.example/p2p/" + a))).containsExactly("/ip4/192.0.2.4/tcp/4001/p2p/" + a);
    }

    @Test
    void oneUnresolvableNestedNameLeavesTheOthers() throws Exception {
        dns.txt("_dnsaddr.part.example", "dnsaddr=/dns4/gone.example/tcp/1/p2p/" + a,
                "dnsaddr=/ip4/192.0.2.5/tcp/1/p2p/" + a);
        assertThat(texts(resolve("/dnsaddr/part.example/p2p/" + a))).containsExactly("/ip4/192.0.2.5/tcp/1/p2p/" + a);
    }

    @Test
    void aFailedLookupIsOneSentenceNamingTheName() throws Exception {
        assertThat(failure(dns.resolver(), "/dns4/nowhere.example/tcp/1")).isInstanceOf(DnsResolutionException.class)
                .hasMessage("the name nowhere.example does not resolve (no such name)");
        assertThat(failure(dns.resolver(), "/dnsaddr/nowhere.example/p2p/" + a)).isInstanceOf(DnsResolutionException.class)
                .hasMessage("the name _dnsaddr.nowhere.example does not resolve (no such name)");

        HostLookup broken = name -> {
            throw new IllegalStateException("resolver exploded");
        };
        assertThat(failure(MultiaddrResolver.of(dns, broken), "/dns/x.example/tcp/1"))
                .isInstanceOf(DnsResolutionException.class)
                .hasMessage("the name x.example does not resolve (resolver exploded)");
    }

    @Test
    void lookupsRunOnTheResolverThreadsAndAResolutionThatOutlastsItsTimeoutFails() throws Exception {
        List<String> threads = new ArrayList<>();
        HostLookup recording = name -> {
            threads.add(Thread.currentThread().getName());
            return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        };
        assertThat(MultiaddrResolver.of(dns, recording).resolve(Multiaddr.parse("/dns4/x.example/tcp/1"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(threads).singleElement().asString().startsWith("wirepunch-dns-");

        CountDownLatch release = new CountDownLatch(1);
        HostLookup stuck = name -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("released");
        };
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            MultiaddrResolver slow = new MultiaddrResolver(dns, stuck, executor, Duration.ofMillis(100));
            assertThat(failure(slow, "/dns4/slow.example/tcp/1")).isInstanceOf(DnsResolutionException.class)
                    .hasMessage("resolving /dns4/slow.example/tcp/1 took longer than 100 ms");
        } finally {
            release.countDown();
            executor.shutdown();
        }
    }
}
