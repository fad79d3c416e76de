package io.wirepunch.core.host;

/**
 * Takes over a stream the remote opened once its protocol is agreed: typically adds the protocol's
 * handlers to {@code stream.channel().pipeline()}. Called on the stream's event loop.
 */
@FunctionalInterface
public interface StreamHandler {
    void handle(Stream stream);
}
