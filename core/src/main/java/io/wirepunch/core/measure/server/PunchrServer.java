package io.wirepunch.core.measure.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.wirepunch.core.errors.Errors;
import java.io.InputStream;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.wirepunch.core.measure.store.MeasurementStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The punchr-compatible measurement server: {@link PunchrService} over gRPC on TCP (TLS when a
 * certificate and key are given), with its {@link MeasureMetrics}. Requests over
 * {@link #MAX_INBOUND_MESSAGE_BYTES} are refused by gRPC with RESOURCE_EXHAUSTED.
 */
public final class PunchrServer implements AutoCloseable {
    /** The largest request accepted: room for every list at its limit, and a router login page. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 512 * 1024;
    /**
     * The field number (protobuf's largest) under which a request that could not be parsed is
     * marked for {@link PunchrService} to refuse; punchr's messages have no such field.
     */
    static final int MALFORMED_MARK = (1 << 29) - 1;
    /** How long {@link #close()} lets calls under way finish. */
    static final long SHUTDOWN_SECONDS = 2;

    private final Server server;
    private final InetSocketAddress address;

    private PunchrServer(Server server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Where and how to serve: {@code tlsCert} and {@code tlsKey} (PEM; the key PKCS#8) both, or neither. */
    public record Options(String host, int port, Path tlsCert, Path tlsKey) {
        public Options {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("TLS needs both a certificate and its key");
            }
        }
    }

    public static PunchrServer start(Options options, MeasurementStore store, MeasureMetrics metrics) throws IOException {
        return start(options, store, metrics, Clock.systemUTC(), new SecureRandom());
    }

    public static PunchrServer start(Options options, MeasurementStore store, MeasureMetrics metrics, Clock clock,
                                     RandomGenerator random) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.port()))
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .addService(ServerInterceptors.intercept(lenient(new PunchrService(store, clock, random, metrics).bindService()),
                        metrics.interceptor()));
        if (options.tlsCert() != null) {
            for (Path p : new Path[] {options.tlsCert(), options.tlsKey()}) {
                if (!Files.isReadable(p)) {
                    throw new IOException("cannot read " + p);
                }
            }
            try {
                builder.useTransportSecurity(options.tlsCert().toFile(), options.tlsKey().toFile());
            } catch (RuntimeException e) {
                throw new IOException("cannot use " + options.tlsCert() + " and " + options.tlsKey() + " for TLS: "
                        + Errors.rootMessage(e), e);
            }
        }
        Server server;
        try {
            server = builder.build().start();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot use " + options.tlsCert() + " and " + options.tlsKey() + " for TLS: " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
        return new PunchrServer(server, bound);
    }

    /**
     * The service with requests parsed partially: a request that lacks one of proto2's required
     * fields reaches {@link PunchrService}, which answers what is wrong with it (a missing api_key is
     * UNAUTHENTICATED, a missing peer id INVALID_ARGUMENT) instead of gRPC's bare parse failure.
     */
    static ServerServiceDefinition lenient(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            out.addMethod(lenient(m));
        }
        return out.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> lenient(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> d = method.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> strict = d.getRequestMarshaller();
        @SuppressWarnings("unchecked")
        Message prototype = (Message) ((MethodDescriptor.PrototypeMarshaller<Q>) strict).getMessagePrototype();
        MethodDescriptor.Marshaller<Q> partial = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Q value) {
                return strict.stream(value);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Q parse(InputStream in) {
                try {
                    return (Q) prototype.getParserForType().parsePartialFrom(in);
                } catch (InvalidProtocolBufferException e) {
                    // gRPC would answer a failed parse with a bare UNKNOWN: hand the service what was
                    // read, marked, and let it refuse the request with INVALID_ARGUMENT
                    Message read = e.getUnfinishedMessage() instanceof Message m ? m : prototype;
                    return (Q) read.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                            .addField(MALFORMED_MARK, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
                            .buildPartial();
                }
            }
        };
        return ServerMethodDefinition.create(d.toBuilder(partial, d.getResponseMarshaller()).build(), method.getServerCallHandler());
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
