package io.wirepunch.core.upgrade.multistream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link MultistreamListener} that reports through a {@link CompletionStage}. The result
 * completes on the event loop right after the installer ran, before any leftover bytes are
 * handed on; code that must see the final pipeline should run on the channel's event loop
 * (e.g. {@code thenRunAsync(..., channel.eventLoop())}).
 */
public final class MultistreamSelection implements MultistreamListener {

    /** Adds the handlers of the selected protocol after {@code ctx.name()}. */
    @FunctionalInterface
    public interface Installer {
        void install(ChannelHandlerContext ctx, String protocol) throws Exception;
    }

    /** Name under which the static helpers add the multistream handler. */
    public static final String HANDLER_NAME = "multistream";

    private final Installer installer;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    public MultistreamSelection(Installer installer) {
        this.installer = Objects.requireNonNull(installer, "installer");
    }

    /** Completes with the selected protocol, or exceptionally with the failure. */
    public CompletionStage<String> result() {
        return result;
    }

    @Override
    public void selected(ChannelHandlerContext ctx, String protocol) throws Exception {
        installer.install(ctx, protocol);
        result.complete(protocol);
    }

    @Override
    public void failed(Throwable cause) {
        result.completeExceptionally(cause);
    }

    /** Appends an initiator to {@code pipeline}; call on the event loop or before registration. */
    public static CompletionStage<String> initiate(ChannelPipeline pipeline, List<String> protocols,
            Installer installer) {
        return initiate(pipeline, protocols, installer, MultistreamHandler.NEGOTIATION_TIMEOUT);
    }

    public static CompletionStage<String> initiate(ChannelPipeline pipeline, List<String> protocols,
            Installer installer, Duration timeout) {
        MultistreamSelection selection = new MultistreamSelection(installer);
        pipeline.addLast(HANDLER_NAME, new MultistreamInitiator(protocols, selection, timeout));
        return selection.result();
    }

    /** Appends a responder to {@code pipeline}; call on the event loop or before registration. */
    public static CompletionStage<String> respond(ChannelPipeline pipeline, ProtocolMatcher matcher,
            Installer installer) {
        return respond(pipeline, matcher, installer, MultistreamHandler.NEGOTIATION_TIMEOUT);
    }

    public static CompletionStage<String> respond(ChannelPipeline pipeline, ProtocolMatcher matcher,
            Installer installer, Duration timeout) {
        MultistreamSelection selection = new MultistreamSelection(installer);
        pipeline.addLast(HANDLER_NAME, new MultistreamResponder(matcher, selection, timeout));
        return selection.result();
    }
}
