package io.wirepunch.core.control;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.wirepunch.core.control.pb.ControlGrpc;
import io.wirepunch.core.control.pb.ControlProtos;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.forward.ForwardProtocol;
import io.wirepunch.core.forward.ForwardService;
import io.wirepunch.core.forward.LocalForward;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InvitationException;
import io.wirepunch.core.invite.InviteService;
import io.wirepunch.core.membership.JoinException;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.peers.ShowJson;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API over a running node: what {@code show}, {@code participate}, {@code down},
 * {@code invite}, {@code join} and {@code reload} ask. A refusal a person should read comes back
 * as {@code FAILED_PRECONDITION} whose description is one sentence.
 */
public final class ControlService extends ControlGrpc.ControlImplBase {
    private static final Logger log = LoggerFactory.getLogger(ControlService.class);

    /** How long an address named in a {@code forward} stays in the peerstore. */
    static final Duration ADDRESS_TTL = Duration.ofMinutes(10);

    private final Node node;
    private final Optional<Networks> networks;
    private final Optional<ForwardService> forwards;
    private final Runnable down;

    /** @param down stops the node (and the process around it); called after the answer is sent */
    public ControlService(Node node, Runnable down) {
        this(node, Optional.empty(), down);
    }

    public ControlService(Node node, Optional<Networks> networks, Runnable down) {
        this(node, networks, Optional.empty(), down);
    }

    public ControlService(Node node, Optional<Networks> networks, Optional<ForwardService> forwards, Runnable down) {
        this.node = node;
        this.networks = networks;
        this.forwards = forwards;
        this.down = down;
    }

    @Override
    public void show(ControlProtos.ShowRequest request, StreamObserver<ControlProtos.ShowReply> reply) {
        reply.onNext(ControlProtos.ShowReply.newBuilder().setJson(ShowJson.of(node, networks, forwards).toString()).build());
        reply.onCompleted();
    }

    @Override
    public void participate(ControlProtos.ParticipateRequest request, StreamObserver<ControlProtos.ParticipateReply> reply) {
        boolean now = node.setParticipating(request.getOn());
        reply.onNext(ControlProtos.ParticipateReply.newBuilder().setParticipating(now).build());
        reply.onCompleted();
    }

    @Override
    public void down(ControlProtos.DownRequest request, StreamObserver<ControlProtos.DownReply> reply) {
        reply.onNext(ControlProtos.DownReply.getDefaultInstance());
        reply.onCompleted();
        Thread t = new Thread(down, "wirepunch-down");
        t.start();
    }

    @Override
    public void invite(ControlProtos.InviteRequest request, StreamObserver<ControlProtos.InviteReply> reply) {
        Networks n = networksOrRefuse(reply);
        if (n == null) {
            return;
        }
        try {
            Duration ttl = request.getTtlSeconds() == 0 ? InviteService.DEFAULT_TTL : Duration.ofSeconds(request.getTtlSeconds());
            Optional<String> network = request.getNetwork().isEmpty() ? Optional.empty() : Optional.of(request.getNetwork());
            Invitation inv = n.invite(network, ttl);
            reply.onNext(ControlProtos.InviteReply.newBuilder().setInvitation(inv.encode()).setNetwork(inv.network().name())
                    .setExpiresAt(inv.expiresAt().toString()).build());
            reply.onCompleted();
        } catch (IllegalArgumentException | IllegalStateException e) {
            refuse(reply, e.getMessage());
        } catch (IOException e) {
            refuse(reply, "could not write the invitation or the network file: " + e.getMessage());
        }
    }

    @Override
    public void join(ControlProtos.JoinRequest request, StreamObserver<ControlProtos.JoinReply> reply) {
        Networks n = networksOrRefuse(reply);
        if (n == null) {
            return;
        }
        try {
            Invitation inv = Invitation.parse(request.getInvitation(), Clock.systemUTC());
            JoinOutcome o = n.join(inv);
            reply.onNext(ControlProtos.JoinReply.newBuilder().setNetwork(o.network()).setInviter(o.inviter().toBase58())
                    .setPath(o.path()).setRelay(o.relay().map(r -> r.toBase58()).orElse(""))
                    .setIpv4(o.ipv4().map(InetAddress::getHostAddress).orElse(""))
                    .setIpv6(o.ipv6().map(InetAddress::getHostAddress).orElse(""))
                    .setElapsedMillis(o.elapsed().toMillis()).build());
            reply.onCompleted();
        } catch (InvitationException | JoinException | IllegalArgumentException | InvalidKeyException e) {
            refuse(reply, e.getMessage());
        } catch (IOException e) {
            refuse(reply, "joined, but could not write the network file: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.onError(Status.CANCELLED.withDescription("the node is stopping").asRuntimeException());
        }
    }

    @Override
    public void reload(ControlProtos.ReloadRequest request, StreamObserver<ControlProtos.ReloadReply> reply) {
        Networks n = networksOrRefuse(reply);
        if (n == null) {
            return;
        }
        try {
            Networks.Reload r = n.reload();
            reply.onNext(ControlProtos.ReloadReply.newBuilder().addAllNetworks(r.networks()).addAllProblems(r.problems()).build());
            reply.onCompleted();
        } catch (IOException e) {
            refuse(reply, "could not read " + n.directory().dir() + ": " + e.getMessage());
        }
    }

    @Override
    public void expose(ControlProtos.ExposeRequest request, StreamObserver<ControlProtos.ExposeReply> reply) {
        if (forwards.isEmpty()) {
            refuse(reply, "this node does not forward ports; start it with 'wirepunch up'");
            return;
        }
        int port = request.getPort();
        if (!ForwardProtocol.validPort(Integer.toUnsignedLong(port))) {
            refuse(reply, "port " + Integer.toUnsignedLong(port) + " is outside " + ForwardProtocol.MIN_PORT + "–"
                    + ForwardProtocol.MAX_PORT);
            return;
        }
        if (request.getRemove()) {
            forwards.get().unexpose(port);
        } else {
            forwards.get().expose(port);
        }
        reply.onNext(ControlProtos.ExposeReply.newBuilder().addAllExposed(forwards.get().exposed()).build());
        reply.onCompleted();
    }

    @Override
    public void forwardPort(ControlProtos.ForwardPortRequest request, StreamObserver<ControlProtos.ForwardPortReply> reply) {
        if (forwards.isEmpty()) {
            refuse(reply, "this node does not forward ports; start it with 'wirepunch up'");
            return;
        }
        int local = request.getLocalPort();
        if (request.getRemove()) {
            Optional<LocalForward> f = forwards.get().forwards().stream().filter(x -> x.localAddress().getPort() == local)
                    .findFirst();
            if (f.isEmpty()) {
                refuse(reply, "no forward listens on port " + Integer.toUnsignedLong(local));
                return;
            }
            f.get().close();
            reply.onNext(describe(f.get()));
            reply.onCompleted();
            return;
        }
        Optional<PeerId> peer = resolvePeer(request.getPeer());
        if (peer.isEmpty()) {
            refuse(reply, "'" + request.getPeer() + "' is neither a peer id, an address ending in /p2p/<id>, nor a member's host name");
            return;
        }
        if (local < 0 || local > ForwardProtocol.MAX_PORT || !ForwardProtocol.validPort(Integer.toUnsignedLong(request.getRemotePort()))) {
            refuse(reply, "ports go from " + ForwardProtocol.MIN_PORT + " to " + ForwardProtocol.MAX_PORT
                    + " (0 for a free local one)");
            return;
        }
        forwards.get().forward(local, peer.get(), request.getRemotePort()).whenComplete((f, e) -> {
            if (e != null) {
                refuse(reply, "could not listen on 127.0.0.1:" + local + ": " + Errors.message(e));
            } else {
                reply.onNext(describe(f));
                reply.onCompleted();
            }
        });
    }

    private static ControlProtos.ForwardPortReply describe(LocalForward f) {
        return ControlProtos.ForwardPortReply.newBuilder()
                .setLocalAddress(f.localAddress().getHostString() + ":" + f.localAddress().getPort())
                .setPeer(f.peer().toBase58()).setRemotePort(f.remotePort()).build();
    }

    /**
     * A PeerId, a multiaddr ending in {@code /p2p/<id>} (its address joins the peerstore), or the
     * host name a network file gives a member.
     */
    private Optional<PeerId> resolvePeer(String text) {
        if (text.startsWith("/")) {
            try {
                Multiaddr addr = Multiaddr.parse(text);
                Optional<PeerId> id = addr.peerId();
                id.ifPresent(p -> node.host().peerstore().addAddrs(p, List.of(addr.withoutPeerId()), ADDRESS_TTL));
                return id;
            } catch (RuntimeException notAnAddress) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(PeerId.parse(text));
        } catch (RuntimeException notAnId) {
            return networks.flatMap(n -> n.index().byHostname(text));
        }
    }

    private Networks networksOrRefuse(StreamObserver<?> reply) {
        if (networks.isEmpty()) {
            refuse(reply, "this node runs without networks; start it with 'wirepunch up'");
            return null;
        }
        return networks.get();
    }

    private static void refuse(StreamObserver<?> reply, String sentence) {
        log.debug("control call refused: {}", sentence);
        reply.onError(Status.FAILED_PRECONDITION.withDescription(sentence).asRuntimeException());
    }
}
