package io.wirepunch.core.protocol.kad.sim;

import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.kad.KadCodec;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadProtocol;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries requests and their answers between simulated nodes in their wire form: a request is encoded
 * to the bytes a kad stream would carry, decoded at the receiver and handed to its request handler;
 * the answer travels back the same way. Only the socket is missing.
 *
 * <p>A request is not delivered when it is sent but queued, and the queue is worked through in order
 * by {@link #deliverNext}: every round trip takes the same time, so a lookup's {@code ALPHA} requests
 * are all out before the first answer comes back, as on a real network, rather than the first answer
 * setting off the next request before the others are even sent.
 */
final class SimWire {
    private static final Runnable WAKE_UP = () -> { };

    private final SimClock clock;
    // Timer threads add to it too, when a lookup gives up on a silent node and asks the next one.
    private final BlockingQueue<Runnable> inFlight = new LinkedBlockingQueue<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    SimWire(SimClock clock) {
        this.clock = clock;
    }

    CompletionStage<KadMessage> request(SimNode from, SimNode to, KadMessage request) {
        messages.incrementAndGet();
        clock.messageSent();
        CompletableFuture<KadMessage> answer = new CompletableFuture<>();
        inFlight.add(() -> deliver(from, to, request, answer));
        return answer;
    }

    /** Delivers the oldest request in flight, waiting for one (from a timer thread) when none is. */
    void deliverNext() {
        try {
            inFlight.take().run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the simulated network", e);
        }
    }

    /** Delivers the oldest request in flight; false when there was none. */
    boolean deliverPending() {
        Runnable next = inFlight.poll();
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    /** Makes a {@link #deliverNext} that waits return. */
    void wakeUp() {
        inFlight.add(WAKE_UP);
    }

    /** Requests sent, each with at most one answer. */
    long messages() {
        return messages.get();
    }

    /** Bytes both ways, length prefixes included, as a stream would carry them. */
    long bytes() {
        return bytes.get();
    }

    private void deliver(SimNode from, SimNode to, KadMessage request, CompletableFuture<KadMessage> answer) {
        switch (to.behaviour()) {
            case DOWN -> answer.completeExceptionally(new ConnectException(to.peerId() + " refuses connections"));
            case SILENT -> { }
            case ANSWERS -> {
                KadMessage received;
                try {
                    received = carry(request);
                } catch (KadException e) {
                    answer.completeExceptionally(e);
                    return;
                }
                to.handler().handle(from.peerId(), received).whenComplete((reply, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                    } else {
                        answerWith(reply, request.type(), answer);
                    }
                });
            }
        }
    }

    private void answerWith(Optional<KadMessage> reply, KadMessage.Type asked, CompletableFuture<KadMessage> answer) {
        try {
            KadMessage back = carry(reply.orElseThrow(() -> new KadException("no answer to " + asked)));
            if (back.type() != asked) {
                throw new KadException("answer of type " + back.type() + " to a " + asked + " request");
            }
            answer.complete(back);
        } catch (KadException e) {
            answer.completeExceptionally(e);
        }
    }

    private KadMessage carry(KadMessage message) {
        byte[] body = KadCodec.encode(message);
        if (body.length > KadProtocol.MAX_MESSAGE_BYTES) {
            throw new KadException("a kad message of " + body.length + " bytes exceeds the limit");
        }
        bytes.addAndGet(Varint.encodedLength(body.length) + body.length);
        return KadCodec.decode(body);
    }
}
