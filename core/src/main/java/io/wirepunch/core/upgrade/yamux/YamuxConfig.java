package io.wirepunch.core.upgrade.yamux;

import java.time.Duration;

/**
 * Limits and tuning of one Yamux session. Every default is a named constant.
 *
 * @param initialStreamWindow          receive window granted to each new stream; the spec's 256 KiB
 *                                     is assumed by both sides, anything above it is granted with the SYN/ACK
 * @param maxStreamWindow              the receive window may grow up to this when the reader keeps up
 *                                     (auto-tuning); also the largest DATA frame the decoder accepts,
 *                                     since a longer frame overruns any window we can have granted
 * @param maxConcurrentStreams         open streams per connection; a remote SYN beyond it is answered with RST
 * @param maxUnacknowledgedStreams     outbound streams the remote has not acknowledged yet (the spec's
 *                                     ACK backlog); opening more fails
 * @param maxSendFrameData             largest payload of a DATA frame we send
 * @param maxQueuedOutboundBytes       bytes one stream may hold waiting for send window; writes beyond fail
 * @param writeBufferLowWaterMark      a stream turns writable again below this many queued bytes
 * @param writeBufferHighWaterMark     a stream turns unwritable above this many queued bytes
 * @param keepAliveInterval            ping interval, also used to measure RTT; {@link Duration#ZERO} disables
 * @param pingTimeout                  a ping unanswered this long fails, a keepalive ping closes the connection
 * @param streamCloseLinger            after a local close, how long we wait for the remote's FIN before RST
 */
public record YamuxConfig(
        int initialStreamWindow,
        int maxStreamWindow,
        int maxConcurrentStreams,
        int maxUnacknowledgedStreams,
        int maxSendFrameData,
        int maxQueuedOutboundBytes,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        Duration keepAliveInterval,
        Duration pingTimeout,
        Duration streamCloseLinger) {

    /** Fixed by the spec: both sides start every stream with this window. */
    public static final int SPEC_INITIAL_STREAM_WINDOW = 256 * 1024;
    public static final int DEFAULT_MAX_STREAM_WINDOW = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 512;
    /** The spec's recommended ACK backlog. */
    public static final int DEFAULT_MAX_UNACKNOWLEDGED_STREAMS = 256;
    /**
     * The Noise plaintext limit (65535 bytes less the 16-byte tag) less the 12-byte header: each DATA
     * frame then fills exactly one Noise message. At a round 64 KiB every frame would straddle two.
     */
    public static final int DEFAULT_MAX_SEND_FRAME_DATA = 65535 - 16 - YamuxFrame.HEADER_LENGTH;
    public static final int DEFAULT_MAX_QUEUED_OUTBOUND_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 128 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 512 * 1024;
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STREAM_CLOSE_LINGER = Duration.ofSeconds(10);

    public YamuxConfig {
        if (initialStreamWindow < SPEC_INITIAL_STREAM_WINDOW) {
            throw new IllegalArgumentException("initialStreamWindow below the spec's 256 KiB: " + initialStreamWindow);
        }
        if (maxStreamWindow < initialStreamWindow) {
            throw new IllegalArgumentException("maxStreamWindow below initialStreamWindow: " + maxStreamWindow);
        }
        requirePositive("maxConcurrentStreams", maxConcurrentStreams);
        requirePositive("maxUnacknowledgedStreams", maxUnacknowledgedStreams);
        requirePositive("maxSendFrameData", maxSendFrameData);
        requirePositive("maxQueuedOutboundBytes", maxQueuedOutboundBytes);
        requirePositive("writeBufferLowWaterMark", writeBufferLowWaterMark);
        if (writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("writeBufferHighWaterMark below writeBufferLowWaterMark");
        }
        if (keepAliveInterval.isNegative() || notPositive(pingTimeout) || notPositive(streamCloseLinger)) {
            throw new IllegalArgumentException("durations must be positive (keepAliveInterval may be zero)");
        }
    }

    public static YamuxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean keepAliveEnabled() {
        return !keepAliveInterval.isZero();
    }

    private static boolean notPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    public static final class Builder {
        private int initialStreamWindow = SPEC_INITIAL_STREAM_WINDOW;
        private int maxStreamWindow = DEFAULT_MAX_STREAM_WINDOW;
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxUnacknowledgedStreams = DEFAULT_MAX_UNACKNOWLEDGED_STREAMS;
        private int maxSendFrameData = DEFAULT_MAX_SEND_FRAME_DATA;
        private int maxQueuedOutboundBytes = DEFAULT_MAX_QUEUED_OUTBOUND_BYTES;
        private int writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
        private int writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private Duration streamCloseLinger = DEFAULT_STREAM_CLOSE_LINGER;

        private Builder() {
        }

        public Builder initialStreamWindow(int v) { initialStreamWindow = v; return this; }
        public Builder maxStreamWindow(int v) { maxStreamWindow = v; return this; }
        public Builder maxConcurrentStreams(int v) { maxConcurrentStreams = v; return this; }
        public Builder maxUnacknowledgedStreams(int v) { maxUnacknowledgedStreams = v; return this; }
        public Builder maxSendFrameData(int v) { maxSendFrameData = v; return this; }
        public Builder maxQueuedOutboundBytes(int v) { maxQueuedOutboundBytes = v; return this; }
        public Builder writeBufferWaterMark(int low, int high) {
            writeBufferLowWaterMark = low;
            writeBufferHighWaterMark = high;
            return this;
        }
        public Builder keepAliveInterval(Duration v) { keepAliveInterval = v; return this; }
        public Builder pingTimeout(Duration v) { pingTimeout = v; return this; }
        public Builder streamCloseLinger(Duration v) { streamCloseLinger = v; return this; }

        public YamuxConfig build() {
            return new YamuxConfig(initialStreamWindow, maxStreamWindow, maxConcurrentStreams,
                    maxUnacknowledgedStreams, maxSendFrameData, maxQueuedOutboundBytes, writeBufferLowWaterMark,
                    writeBufferHighWaterMark, keepAliveInterval, pingTimeout, streamCloseLinger);
        }
    }
}
