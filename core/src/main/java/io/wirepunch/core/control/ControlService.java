package io.wirepunch.core.control;

import io.grpc.stub.StreamObserver;
import io.wirepunch.core.control.pb.ControlGrpc;
import io.wirepunch.core.control.pb.ControlProtos;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.peers.ShowJson;

/** The control API over a running node: what {@code show}, {@code participate} and {@code down} ask. */
public final class ControlService extends ControlGrpc.ControlImplBase {
    private final Node node;
    private final Runnable down;

    /** @param down stops the node (and the process around it); called after the answer is sent */
    public ControlService(Node node, Runnable down) {
        this.node = node;
        this.down = down;
    }

    @Override
    public void show(ControlProtos.ShowRequest request, StreamObserver<ControlProtos.ShowReply> reply) {
        reply.onNext(ControlProtos.ShowReply.newBuilder().setJson(ShowJson.of(node).toString()).build());
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
}
