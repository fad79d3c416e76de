package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import java.nio.channels.ClosedChannelException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Secures a fresh connection with libp2p Noise (XX) once multistream-select has chosen
 * {@value #PROTOCOL_ID}. On success it replaces itself with {@link NoiseCipherHandler} (behind a
 * {@link NoiseFrameDecoder} it installed), fires {@link SecureSession} down the pipeline and
 * completes {@link #completion()}. On any failure it fails the stage with a
 * {@link NoiseException} and closes the connection. Writes made during the handshake are held
 * and sent encrypted afterwards.
 */
public final class NoiseHandshakeHandler extends ChannelDuplexHandler {
    public static final String PROTOCOL_ID = "/noise";
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final String FRAME_DECODER_NAME = "noise-frame-decoder";
    public static final String CIPHER_HANDLER_NAME = "noise-cipher";

    private final boolean initiator;
    private final PrivateKey localIdentity;
    private final PeerId expectedRemote;
    private final List<String> localStreamMuxers;
    private final Duration handshakeTimeout;
    private final CompletableFuture<SecureSession> completion = new CompletableFuture<>();
    private final ArrayDeque<Object[]> heldWrites = new ArrayDeque<>();

    private HandshakeState handshake;
    private byte[] localPayload;
    private ScheduledFuture<?> timeout;
    private boolean finished;

    /**
     * @param initiator true on the dialling side
     * @param expectedRemote the PeerId that was dialled; the handshake fails unless the remote
     *     proves this identity. Null when any identity is acceptable (usually the listener).
     * @param localStreamMuxers muxers to offer for early negotiation; may be empty
     */
    public NoiseHandshakeHandler(boolean initiator, PrivateKey localIdentity, PeerId expectedRemote,
            List<String> localStreamMuxers) {
        this(initiator, localIdentity, expectedRemote, localStreamMuxers, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public NoiseHandshakeHandler(boolean initiator, PrivateKey localIdentity, PeerId expectedRemote,
            List<String> localStreamMuxers, Duration handshakeTimeout) {
        this.initiator = initiator;
        this.localIdentity = Objects.requireNonNull(localIdentity, "localIdentity");
        this.expectedRemote = expectedRemote;
        this.localStreamMuxers = List.copyOf(localStreamMuxers);
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
        }
    }

    /** Completes with the authenticated remote, or fails with a {@link NoiseException}. */
    public CompletionStage<SecureSession> completion() {
        return completion;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(FRAME_DECODER_NAME) == null) {
            ctx.pipeline().addBefore(ctx.name(), FRAME_DECODER_NAME, new NoiseFrameDecoder());
        }
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (handshake != null) {
            return;
        }
        long nanos = handshakeTimeout.toNanos();
        timeout = ctx.executor().schedule(() -> fail(ctx, new NoiseException(
                "Noise handshake timed out after " + handshakeTimeout.toMillis() + " ms")), nanos, TimeUnit.NANOSECONDS);
        KeyPair noiseStatic = X25519.generateKeyPair();
        handshake = new HandshakeState(initiator, noiseStatic);
        localPayload = HandshakePayloads.encode(localIdentity, X25519.publicBytes(noiseStatic), localStreamMuxers);
        if (initiator) {
            try {
                send(ctx, handshake.writeMessage(new byte[0])); // message 1 may carry nothing secret
            } catch (NoiseException e) {
                fail(ctx, e);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || !(msg instanceof ByteBuf frame)) {
            // after a failure nothing more is read; anything else is not ours to interpret
            if (finished) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        try {
            if (handshake == null) {
                start(ctx);
            }
            onHandshakeMessage(ctx, ByteBufUtil.getBytes(frame));
        } catch (NoiseException e) {
            fail(ctx, e);
        } catch (RuntimeException e) {
            fail(ctx, new NoiseException("Noise handshake failed: " + e, e));
        } finally {
            frame.release();
        }
    }

    private void onHandshakeMessage(ChannelHandlerContext ctx, byte[] message) throws NoiseException {
        byte[] payload = handshake.readMessage(message); // rejects a message that is out of turn
        if (initiator) {
            SecureSession remote = authenticate(payload);
            send(ctx, handshake.writeMessage(localPayload));
            succeed(ctx, remote);
        } else if (!handshake.isComplete()) {
            // message 1 travels in the clear; libp2p puts nothing in it, so its payload is ignored
            send(ctx, handshake.writeMessage(localPayload));
        } else {
            succeed(ctx, authenticate(payload));
        }
    }

    private SecureSession authenticate(byte[] payload) throws NoiseException {
        SecureSession remote = HandshakePayloads.decode(payload, handshake.remoteStaticKey());
        if (expectedRemote != null && !expectedRemote.equals(remote.remotePeerId())) {
            throw new NoiseException("remote peer is " + remote.remotePeerId() + " but " + expectedRemote
                    + " was dialled");
        }
        return remote;
    }

    private void send(ChannelHandlerContext ctx, byte[] message) {
        ctx.writeAndFlush(NoiseFrameDecoder.frame(ctx.alloc(), message));
    }

    private void succeed(ChannelHandlerContext ctx, SecureSession remote) throws NoiseException {
        CipherState[] ciphers = handshake.transportCiphers();
        finished = true;
        timeout.cancel(false);
        NoiseCipherHandler cipher = new NoiseCipherHandler(ciphers[0], ciphers[1]);
        ctx.pipeline().addAfter(ctx.name(), CIPHER_HANDLER_NAME, cipher);
        ChannelHandlerContext cipherCtx = ctx.pipeline().context(cipher);
        ArrayDeque<Object[]> writesToReplay = new ArrayDeque<>(heldWrites);
        heldWrites.clear();
        ctx.pipeline().remove(this);
        if (!writesToReplay.isEmpty()) {
            // Called directly: a write on the cipher's own context would skip it. Replayed before
            // anyone learns of the session, so these writes stay ahead of any made in response.
            for (Object[] held : writesToReplay) {
                cipher.write(cipherCtx, held[0], (ChannelPromise) held[1]);
            }
            cipher.flush(cipherCtx);
        }
        cipherCtx.fireUserEventTriggered(remote);
        completion.complete(remote);
    }

    private void fail(ChannelHandlerContext ctx, NoiseException cause) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        failHeldWrites(cause);
        completion.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        heldWrites.add(new Object[] {msg, promise});
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // held writes are flushed once the transport ciphers exist; handshake frames flush themselves
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new NoiseException("Noise handshake failed: " + cause.getMessage(), cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new NoiseException("connection closed during the Noise handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!finished) {
            fail(ctx, new NoiseException("Noise handshake handler removed before the handshake finished"));
        }
        failHeldWrites(new ClosedChannelException());
    }

    private void failHeldWrites(Throwable cause) {
        Object[] held;
        while ((held = heldWrites.poll()) != null) {
            ReferenceCountUtil.release(held[0]);
            ((ChannelPromise) held[1]).tryFailure(cause);
        }
    }
}
