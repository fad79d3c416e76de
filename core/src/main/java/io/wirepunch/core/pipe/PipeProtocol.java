package io.wirepunch.core.pipe;

/** {@code /wirepunch/pipe/1.0.0}: raw bytes both ways on one stream, FIN for end of input. */
public final class PipeProtocol {
    public static final String ID = "/wirepunch/pipe/1.0.0";
    /**
     * Bytes read off the stream but not yet written out locally, before the stream stops reading.
     * Past it the remote's writes wait on the muxer's flow-control window, so a slow stdout slows
     * the sender instead of filling memory.
     */
    public static final int MAX_BUFFERED_BYTES = 1024 * 1024;
    /** Size of each read from the local input. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private PipeProtocol() {}
}
