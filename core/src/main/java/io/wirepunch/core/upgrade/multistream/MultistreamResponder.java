package io.wirepunch.core.upgrade.multistream;

import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.LIST;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.NOT_AVAILABLE;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.PROTOCOL_ID;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.preview;

import io.netty.channel.ChannelHandlerContext;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.time.Duration;
import java.util.Objects;

/**
 * The listening side of multistream-select: answers the header, echoes the first proposal it
 * supports and answers {@code na} to the others. The header is sent in reply to the remote's
 * and replies are flushed once per read, so a header and a proposal that arrive together are
 * answered in one packet.
 */
public final class MultistreamResponder extends MultistreamHandler {

    /**
     * Proposals (including {@code ls}) a remote may make on one channel. Real peers propose a
     * handful; more is a scan or a loop, and each costs us a reply.
     */
    public static final int MAX_PROPOSALS = 32;

    private final ProtocolMatcher matcher;
    private boolean headerReceived;
    private int proposals;

    public MultistreamResponder(ProtocolMatcher matcher, MultistreamListener listener) {
        this(matcher, listener, NEGOTIATION_TIMEOUT);
    }

    public MultistreamResponder(ProtocolMatcher matcher, MultistreamListener listener, Duration timeout) {
        super(listener, timeout);
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, String message) throws MultistreamException {
        if (!headerReceived) {
            if (!PROTOCOL_ID.equals(message)) {
                throw new MultistreamException(Reason.UNSUPPORTED_HEADER,
                        "expected " + PROTOCOL_ID + " from the remote, got " + preview(message));
            }
            headerReceived = true;
            ctx.write(MultistreamMessages.encode(ctx.alloc(), PROTOCOL_ID));
            return;
        }
        if (++proposals > MAX_PROPOSALS) {
            throw new MultistreamException(Reason.TOO_MANY_PROPOSALS,
                    "remote made more than " + MAX_PROPOSALS + " proposals");
        }
        if (LIST.equals(message)) {
            ctx.write(MultistreamMessages.encodeList(ctx.alloc(), matcher.advertised()));
        } else if (matcher.supports(message)) {
            ctx.write(MultistreamMessages.encode(ctx.alloc(), message));
            select(ctx, message);
        } else {
            ctx.write(MultistreamMessages.encode(ctx.alloc(), NOT_AVAILABLE));
        }
    }
}
