package io.wirepunch.core.upgrade.yamux;

import io.netty.channel.ChannelId;

/** A stream's channel id: the connection's id plus the Yamux stream id, e.g. {@code 1a2b3c4d/5}. */
final class YamuxStreamChannelId implements ChannelId {
    private static final long serialVersionUID = 1L;

    private final ChannelId connectionId;
    private final int streamId;

    YamuxStreamChannelId(ChannelId connectionId, int streamId) {
        this.connectionId = connectionId;
        this.streamId = streamId;
    }

    @Override
    public String asShortText() {
        return connectionId.asShortText() + "/" + Integer.toUnsignedString(streamId);
    }

    @Override
    public String asLongText() {
        return connectionId.asLongText() + "/" + Integer.toUnsignedString(streamId);
    }

    @Override
    public int compareTo(ChannelId other) {
        if (other instanceof YamuxStreamChannelId stream) {
            int byConnection = connectionId.compareTo(stream.connectionId);
            return byConnection != 0 ? byConnection : Integer.compareUnsigned(streamId, stream.streamId);
        }
        return asLongText().compareTo(other.asLongText());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YamuxStreamChannelId other
                && streamId == other.streamId && connectionId.equals(other.connectionId);
    }

    @Override
    public int hashCode() {
        return connectionId.hashCode() * 31 + streamId;
    }

    @Override
    public String toString() {
        return asShortText();
    }
}
