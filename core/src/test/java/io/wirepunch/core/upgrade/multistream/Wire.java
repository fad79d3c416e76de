package io.wirepunch.core.upgrade.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/** Builds and drains raw multistream bytes for tests; every buffer read here is released. */
final class Wire {

    private Wire() {}

    static byte[] messages(String... texts) {
        ByteBuf buf = MultistreamMessages.encode(ByteBufAllocator.DEFAULT, texts);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf buf = Unpooled.wrappedBuffer(parts);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** All outbound bytes written so far, and how many separate writes carried them. */
    record Outbound(byte[] bytes, int writes) {}

    static Outbound drainOutbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        int writes = 0;
        try {
            ByteBuf next;
            while ((next = channel.readOutbound()) != null) {
                writes++;
                all.writeBytes(next);
                next.release();
            }
            return new Outbound(ByteBufUtil.getBytes(all), writes);
        } finally {
            all.release();
        }
    }

    static void feedByteByByte(EmbeddedChannel channel, byte[] bytes) {
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
    }
}
