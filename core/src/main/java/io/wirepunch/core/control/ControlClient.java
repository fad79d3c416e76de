package io.wirepunch.core.control;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wirepunch.core.control.pb.ControlGrpc;
import io.wirepunch.core.control.pb.ControlProtos;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks the user's running node over the control socket; every call has a deadline. */
public final class ControlClient implements AutoCloseable {
    /** How long one call may take. */
    public static final long CALL_SECONDS = 10;
    /**
     * How long a join may take: every hint of an invitation tried in turn, a DHT lookup, and the
     * wait for a hole punch.
     */
    public static final long JOIN_SECONDS = 240;

    private final Path socket;
    private final EpollEventLoopGroup group;
    private final ManagedChannel channel;
    private final ControlGrpc.ControlBlockingStub stub;

    private ControlClient(Path socket) {
        this.socket = socket;
        this.group = new EpollEventLoopGroup(1, new DefaultThreadFactory("wirepunch-control-client", true));
        this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        this.stub = ControlGrpc.newBlockingStub(channel);
    }

    /** Connects to the node at {@code socket}; fails with one sentence when none runs there. */
    public static ControlClient connect(Path socket) {
        if (!ControlSocket.isAnswering(socket)) {
            throw new ControlException("no Wirepunch node is running for this user (no answer at " + socket
                    + "); start one with 'wirepunch up' or the app");
        }
        return new ControlClient(socket);
    }

    public String showJson() {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .show(ControlProtos.ShowRequest.getDefaultInstance()).getJson());
    }

    public boolean participate(boolean on) {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .participate(ControlProtos.ParticipateRequest.newBuilder().setOn(on).build()).getParticipating());
    }

    public void down() {
        call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).down(ControlProtos.DownRequest.getDefaultInstance()));
    }

    /** An invitation into {@code network} (empty: the node's only or default one), open for {@code ttlSeconds} (0: the default). */
    public ControlProtos.InviteReply invite(String network, long ttlSeconds) {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).invite(ControlProtos.InviteRequest.newBuilder()
                .setNetwork(network).setTtlSeconds((int) ttlSeconds).build()));
    }

    /** Joins with {@code invitation}; may take up to {@link #JOIN_SECONDS}. */
    public ControlProtos.JoinReply join(String invitation) {
        return call(() -> stub.withDeadlineAfter(JOIN_SECONDS, TimeUnit.SECONDS)
                .join(ControlProtos.JoinRequest.newBuilder().setInvitation(invitation).build()));
    }

    public ControlProtos.ReloadReply reload() {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).reload(ControlProtos.ReloadRequest.getDefaultInstance()));
    }

    /** Exposes {@code port} to members (or stops, with {@code remove}); answers every port exposed now. */
    public List<Integer> expose(int port, boolean remove) {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .expose(ControlProtos.ExposeRequest.newBuilder().setPort(port).setRemove(remove).build()).getExposedList());
    }

    /** Forwards 127.0.0.1:{@code localPort} to {@code peer}'s {@code remotePort}. */
    public ControlProtos.ForwardPortReply forward(int localPort, String peer, int remotePort) {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).forwardPort(ControlProtos.ForwardPortRequest
                .newBuilder().setLocalPort(localPort).setPeer(peer).setRemotePort(remotePort).build()));
    }

    /** Stops the forward listening on {@code localPort}. */
    public ControlProtos.ForwardPortReply unforward(int localPort) {
        return call(() -> stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS).forwardPort(ControlProtos.ForwardPortRequest
                .newBuilder().setLocalPort(localPort).setRemove(true).build()));
    }

    private <T> T call(java.util.function.Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION && e.getStatus().getDescription() != null) {
                throw new ControlException(e.getStatus().getDescription(), e);
            }
            throw new ControlException("the node at " + socket + " did not answer: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")"), e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
