package io.wirepunch.core.measure.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The client side of punchr's measurement API ({@code /PunchrService/...}): registers the client's
 * hosts, asks for a peer to hole punch and reports each result, every call with a deadline and the
 * API key inside the request as punchr expects it. Safe for concurrent use.
 */
public final class PunchrClient implements AutoCloseable {
    /** How long one call may take before it fails with DEADLINE_EXCEEDED. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);
    /** How long {@link #close()} waits for calls under way. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final PunchrServiceGrpc.PunchrServiceBlockingStub stub;
    private final String apiKey;
    private final Duration deadline;

    /** A peer to hole punch: its id, its addresses (relay addresses) and the protocol filter the server named. */
    public record AddrInfo(PeerId remote, List<Multiaddr> addrs, List<Integer> protocols) {
        public AddrInfo {
            Objects.requireNonNull(remote, "remote");
            addrs = List.copyOf(addrs);
            protocols = List.copyOf(protocols);
        }
    }

    public PunchrClient(ManagedChannel channel, String apiKey, Duration deadline) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive: " + deadline);
        }
        this.deadline = deadline;
        this.stub = PunchrServiceGrpc.newBlockingStub(channel);
    }

    /** A client of the server at {@code host:port}, over TLS (trusting the system's CAs) or in plaintext. */
    public static PunchrClient connect(String hostPort, boolean tls, String apiKey) {
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(hostPort);
        if (tls) {
            b.useTransportSecurity();
        } else {
            b.usePlaintext();
        }
        return new PunchrClient(b.build(), apiKey, DEFAULT_DEADLINE);
    }

    /**
     * A client of the server at {@code host:port} over TLS that trusts only the certificates in the PEM
     * file {@code trusted} (the server's own, or its CA's): for a server with a private certificate.
     *
     * @throws IllegalArgumentException when the file holds no usable certificate
     */
    public static PunchrClient connectTrusting(String hostPort, Path trusted, String apiKey) {
        SslContext ssl;
        try {
            ssl = GrpcSslContexts.forClient().trustManager(trusted.toFile()).build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("cannot trust " + trusted + ": " + Errors.rootMessage(e), e);
        }
        return new PunchrClient(NettyChannelBuilder.forTarget(hostPort).sslContext(ssl).build(), apiKey, DEFAULT_DEADLINE);
    }

    private PunchrServiceGrpc.PunchrServiceBlockingStub stub() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers one of the client's hosts; answers its id at the server. */
    public long register(PeerId client, String agentVersion, List<String> protocols) {
        PunchrProtos.RegisterRequest req = PunchrProtos.RegisterRequest.newBuilder()
                .setClientId(ByteString.copyFrom(client.toBytes())).setAgentVersion(agentVersion)
                .addAllProtocols(protocols).setApiKey(apiKey).build();
        return call("Register", () -> stub().register(req)).getDbPeerId();
    }

    /**
     * A peer for {@code host} to hole punch, no other of {@code allHosts} being handed the same one;
     * empty when the server has none (NOT_FOUND).
     */
    public Optional<AddrInfo> getAddrInfo(PeerId host, List<PeerId> allHosts) {
        PunchrProtos.GetAddrInfoRequest.Builder req = PunchrProtos.GetAddrInfoRequest.newBuilder()
                .setHostId(ByteString.copyFrom(host.toBytes())).setApiKey(apiKey);
        allHosts.forEach(h -> req.addAllHostIds(ByteString.copyFrom(h.toBytes())));
        PunchrProtos.GetAddrInfoResponse res;
        try {
            res = stub().getAddrInfo(req.build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw new PunchrException("GetAddrInfo", e.getStatus());
        }
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString b : res.getMultiAddressesList()) {
            addrs.add(Multiaddr.fromBytes(b.toByteArray()));
        }
        return Optional.of(new AddrInfo(PeerId.fromBytes(res.getRemoteId().toByteArray()), addrs, res.getProtocolsList()));
    }

    /** Reports one hole punch; the API key is put into the request whatever it carried. */
    public void trackHolePunch(PunchrProtos.TrackHolePunchRequest request) {
        PunchrProtos.TrackHolePunchRequest req = request.toBuilder().setApiKey(apiKey).build();
        call("TrackHolePunch", () -> stub().trackHolePunch(req));
    }

    private static <T> T call(String rpc, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw new PunchrException(rpc, e.getStatus());
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
