package io.wirepunch.core.measure.client;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A punchr server for tests, on loopback: hands out what {@link #addrInfo} answers and collects
 * every request with the time it came. Set {@link #failWith} to make every call fail with a status.
 */
final class TestPunchrServer extends PunchrServiceGrpc.PunchrServiceImplBase implements AutoCloseable {
    record Call(String rpc, Object request, Instant at) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<PunchrProtos.TrackHolePunchRequest> tracked = new CopyOnWriteArrayList<>();
    volatile Function<PunchrProtos.GetAddrInfoRequest, PunchrProtos.GetAddrInfoResponse> addrInfo = r -> null;
    volatile Status failWith;
    volatile Duration delay = Duration.ZERO;
    private final Server server;

    TestPunchrServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
    }

    int port() {
        return server.getPort();
    }

    PunchrClient client(String apiKey, Duration deadline) {
        return new PunchrClient(NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build(), apiKey, deadline);
    }

    List<Call> calls(String rpc) {
        return calls.stream().filter(c -> c.rpc().equals(rpc)).toList();
    }

    private <T> boolean begin(String rpc, Object request, StreamObserver<T> out) {
        calls.add(new Call(rpc, request, Instant.now()));
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Status s = failWith;
        if (s != null) {
            out.onError(s.asRuntimeException());
            return false;
        }
        return true;
    }

    @Override
    public void register(PunchrProtos.RegisterRequest request, StreamObserver<PunchrProtos.RegisterResponse> out) {
        if (begin("Register", request, out)) {
            out.onNext(PunchrProtos.RegisterResponse.newBuilder().setDbPeerId(calls("Register").size()).build());
            out.onCompleted();
        }
    }

    @Override
    public void getAddrInfo(PunchrProtos.GetAddrInfoRequest request, StreamObserver<PunchrProtos.GetAddrInfoResponse> out) {
        if (begin("GetAddrInfo", request, out)) {
            PunchrProtos.GetAddrInfoResponse res = addrInfo.apply(request);
            if (res == null) {
                out.onError(Status.NOT_FOUND.withDescription("no peer to hole punch").asRuntimeException());
                return;
            }
            out.onNext(res);
            out.onCompleted();
        }
    }

    @Override
    public void trackHolePunch(PunchrProtos.TrackHolePunchRequest request,
                               StreamObserver<PunchrProtos.TrackHolePunchResponse> out) {
        if (begin("TrackHolePunch", request, out)) {
            tracked.add(request);
            out.onNext(PunchrProtos.TrackHolePunchResponse.getDefaultInstance());
            out.onCompleted();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
