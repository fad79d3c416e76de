package io.wirepunch.core.measure;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Peers, addresses and realistic punchr requests for the measurement tests. */
public final class MeasureFixtures {
    public static final String DCUTR = "/libp2p/dcutr";
    public static final List<String> DCUTR_PROTOCOLS = List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", DCUTR);
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private MeasureFixtures() {}

    public static PeerId peer() {
        return Keys.generateEd25519().publicKey().peerId();
    }

    /** A fresh relay address over ip4/tcp (kind "tcp4"), ip4/udp/quic-v1 ("quic4"), ip6/tcp ("tcp6") or ip6/quic-v1 ("quic6"). */
    public static Multiaddr relayAddr(String kind, PeerId target) {
        int n = NEXT.incrementAndGet();
        String relay = peer().toBase58();
        String ip4 = "/ip4/203.0." + (n / 250 % 250) + "." + (n % 250 + 1);
        String ip6 = "/ip6/2001:db8::" + Integer.toHexString(n);
        String base = switch (kind) {
            case "tcp4" -> ip4 + "/tcp/4001";
            case "quic4" -> ip4 + "/udp/4001/quic-v1";
            case "tcp6" -> ip6 + "/tcp/4001";
            case "quic6" -> ip6 + "/udp/4001/quic-v1";
            default -> throw new IllegalArgumentException(kind);
        };
        return Multiaddr.parse(base + "/p2p/" + relay + "/p2p-circuit/p2p/" + target.toBase58());
    }

    public static Multiaddr directAddr(String kind) {
        int n = NEXT.incrementAndGet();
        return Multiaddr.parse(switch (kind) {
            case "tcp4" -> "/ip4/198.51.100." + (n % 250 + 1) + "/tcp/" + (4000 + n % 1000);
            case "quic4" -> "/ip4/198.51.100." + (n % 250 + 1) + "/udp/" + (4000 + n % 1000) + "/quic-v1";
            default -> throw new IllegalArgumentException(kind);
        });
    }

    public static ByteString bytes(PeerId p) {
        return ByteString.copyFrom(p.toBytes());
    }

    public static ByteString bytes(Multiaddr a) {
        return ByteString.copyFrom(a.toBytes());
    }

    public static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * A hole punch as punchr's client reports it, ended at {@code at}: relayed connection, then
     * attempts (the last with {@code outcome}'s attempt outcome when it is SUCCESS, else FAILED
     * ones) over {@code punched}, a latency measurement and a NAT mapping when {@code mapped}.
     */
    public static PunchrProtos.TrackHolePunchRequest.Builder track(String apiKey, PeerId client, PeerId remote,
            List<Multiaddr> handedOut, PunchrProtos.HolePunchOutcome outcome, int attempts, Multiaddr punched,
            boolean mapped, Instant at) {
        Instant start = at.minus(Duration.ofSeconds(10));
        PunchrProtos.TrackHolePunchRequest.Builder b = PunchrProtos.TrackHolePunchRequest.newBuilder()
                .setApiKey(apiKey)
                .setClientId(bytes(client))
                .setRemoteId(bytes(remote))
                .setConnectStartedAt(nanos(start))
                .setConnectEndedAt(nanos(start.plusMillis(300)))
                .setHasDirectConns(outcome == PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS)
                .setOutcome(outcome)
                .setEndedAt(nanos(at))
                .addListenMultiAddresses(bytes(Multiaddr.parse("/ip4/192.168.1.20/tcp/4001")))
                .addProtocols(4).addProtocols(6);
        handedOut.forEach(a -> b.addRemoteMultiAddresses(bytes(a)));
        for (int i = 1; i <= attempts; i++) {
            boolean last = i == attempts;
            Instant opened = start.plusSeconds(i);
            PunchrProtos.HolePunchAttempt.Builder a = PunchrProtos.HolePunchAttempt.newBuilder()
                    .setOpenedAt(nanos(opened))
                    .setStartedAt(nanos(opened.plusMillis(100)))
                    .setEndedAt(nanos(opened.plusMillis(600)))
                    .setStartRtt(0.05f)
                    .setElapsedTime(0.5f)
                    .setOutcome(last && outcome == PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS
                            ? PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_SUCCESS
                            : PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_FAILED);
            if (punched != null) {
                a.addMultiAddresses(bytes(punched));
            }
            if (!(last && outcome == PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS)) {
                a.setError("all retries for the hole punch with peer failed");
            }
            b.addHolePunchAttempts(a);
        }
        if (outcome == PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS && punched != null) {
            b.addOpenMultiAddresses(bytes(punched));
        }
        if (!handedOut.isEmpty()) {
            b.addLatencyMeasurements(PunchrProtos.LatencyMeasurement.newBuilder()
                    .setRemoteId(bytes(remote))
                    .setAgentVersion("go-ipfs/0.12.0")
                    .addProtocols(DCUTR)
                    .setMultiAddress(bytes(handedOut.get(0)))
                    .addRtts(0.12f).addRtts(0.13f).addRttErrs("").addRttErrs("")
                    .setMtype(PunchrProtos.LatencyMeasurementType.TO_REMOTE_THROUGH_RELAY));
        }
        if (mapped) {
            b.addNatMappings(PunchrProtos.NATMapping.newBuilder().setInternalPort(4001).setExternalPort(4001)
                    .setProtocol("tcp").setAddr("192.168.1.20").setAddrNetwork("ip4"));
            b.setNetworkInformation(PunchrProtos.NetworkInformation.newBuilder().setSupportsIpv6(false)
                    .setRouterLoginHtml("<html>router</html>"));
        }
        return b;
    }
}
