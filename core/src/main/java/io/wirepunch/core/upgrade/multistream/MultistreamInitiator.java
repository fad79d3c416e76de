package io.wirepunch.core.upgrade.multistream;

import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.NOT_AVAILABLE;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.PROTOCOL_ID;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.preview;

import io.netty.channel.ChannelHandlerContext;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.time.Duration;
import java.util.List;

/**
 * The dialling side of multistream-select: proposes protocols in order of preference until the
 * remote echoes one. The header and the first proposal leave in one write, so the common case
 * costs a single round trip.
 */
public final class MultistreamInitiator extends MultistreamHandler {

    private final List<String> protocols;
    private boolean headerReceived;
    private int current;

    public MultistreamInitiator(List<String> protocols, MultistreamListener listener) {
        this(protocols, listener, NEGOTIATION_TIMEOUT);
    }

    public MultistreamInitiator(List<String> protocols, MultistreamListener listener, Duration timeout) {
        super(listener, timeout);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol must be proposed");
        }
        protocols.forEach(MultistreamMessages::requireValidProtocol);
        this.protocols = List.copyOf(protocols);
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), PROTOCOL_ID, protocols.get(0)));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, String message) throws MultistreamException {
        if (!headerReceived) {
            if (!PROTOCOL_ID.equals(message)) {
                throw new MultistreamException(Reason.UNSUPPORTED_HEADER,
                        "expected " + PROTOCOL_ID + " from the remote, got " + preview(message));
            }
            headerReceived = true;
            return;
        }
        String proposed = protocols.get(current);
        if (proposed.equals(message)) {
            select(ctx, proposed);
            return;
        }
        if (!NOT_AVAILABLE.equals(message)) {
            throw new MultistreamException(Reason.UNEXPECTED_RESPONSE,
                    "proposed " + proposed + ", remote answered " + preview(message));
        }
        current++;
        if (current == protocols.size()) {
            throw new MultistreamException(Reason.ALL_PROTOCOLS_REFUSED,
                    "remote supports none of " + protocols);
        }
        ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), protocols.get(current)));
    }
}
