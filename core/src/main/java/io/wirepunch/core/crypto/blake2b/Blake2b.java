package io.wirepunch.core.crypto.blake2b;

import java.util.Arrays;

/**
 * Unkeyed BLAKE2b (RFC 7693) with a digest of 1 to {@value #MAX_DIGEST_BYTES} bytes, fed
 * incrementally. {@link #doFinal} writes the digest and resets the instance for the next message.
 * Not thread-safe.
 */
public final class Blake2b {
    public static final int MAX_DIGEST_BYTES = 64;
    static final int BLOCK_BYTES = 128;
    private static final int ROUNDS = 12;

    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
    };

    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    };

    private final int digestBytes;
    private final long[] h = new long[8];
    private final long[] v = new long[16];
    private final long[] m = new long[16];
    private final byte[] buffer = new byte[BLOCK_BYTES];
    private int buffered;
    private long countLow;
    private long countHigh;

    public Blake2b(int digestBytes) {
        if (digestBytes < 1 || digestBytes > MAX_DIGEST_BYTES) {
            throw new IllegalArgumentException("BLAKE2b digest size must be 1 to " + MAX_DIGEST_BYTES
                    + " bytes, got " + digestBytes);
        }
        this.digestBytes = digestBytes;
        reset();
    }

    /** BLAKE2b of the concatenation of {@code parts}, {@code digestBytes} long. */
    public static byte[] digest(int digestBytes, byte[]... parts) {
        Blake2b b = new Blake2b(digestBytes);
        for (byte[] part : parts) {
            b.update(part, 0, part.length);
        }
        byte[] out = new byte[digestBytes];
        b.doFinal(out, 0);
        return out;
    }

    public int digestSize() {
        return digestBytes;
    }

    public void reset() {
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= 0x01010000L | digestBytes; // depth 1, fanout 1, no key
        buffered = 0;
        countLow = 0;
        countHigh = 0;
        Arrays.fill(buffer, (byte) 0);
    }

    public void update(byte[] in, int offset, int length) {
        if (offset < 0 || length < 0 || length > in.length - offset) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + in.length + " bytes");
        }
        while (length > 0) {
            // a full buffer is compressed only once more input follows: the last block is special
            if (buffered == BLOCK_BYTES) {
                addToCount(BLOCK_BYTES);
                compress(buffer, 0, false);
                buffered = 0;
            }
            int n = Math.min(length, BLOCK_BYTES - buffered);
            System.arraycopy(in, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    /** Writes the digest to {@code out[offset..]} and resets. */
    public void doFinal(byte[] out, int offset) {
        if (offset < 0 || out.length - offset < digestBytes) {
            throw new IndexOutOfBoundsException("no room for a " + digestBytes + "-byte digest");
        }
        addToCount(buffered);
        Arrays.fill(buffer, buffered, BLOCK_BYTES, (byte) 0);
        compress(buffer, 0, true);
        for (int i = 0; i < digestBytes; i++) {
            out[offset + i] = (byte) (h[i >>> 3] >>> (8 * (i & 7)));
        }
        reset();
    }

    private void addToCount(int bytes) {
        countLow += bytes;
        if (Long.compareUnsigned(countLow, bytes) < 0) {
            countHigh++;
        }
    }

    private void compress(byte[] block, int offset, boolean last) {
        for (int i = 0; i < 16; i++) {
            m[i] = littleEndianLong(block, offset + 8 * i);
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= countLow;
        v[13] ^= countHigh;
        if (last) {
            v[14] = ~v[14];
        }
        for (int r = 0; r < ROUNDS; r++) {
            byte[] s = SIGMA[r % 10];
            mix(0, 4, 8, 12, m[s[0]], m[s[1]]);
            mix(1, 5, 9, 13, m[s[2]], m[s[3]]);
            mix(2, 6, 10, 14, m[s[4]], m[s[5]]);
            mix(3, 7, 11, 15, m[s[6]], m[s[7]]);
            mix(0, 5, 10, 15, m[s[8]], m[s[9]]);
            mix(1, 6, 11, 12, m[s[10]], m[s[11]]);
            mix(2, 7, 8, 13, m[s[12]], m[s[13]]);
            mix(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private void mix(int a, int b, int c, int d, long x, long y) {
        v[a] = v[a] + v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }

    private static long littleEndianLong(byte[] b, int at) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (b[at + i] & 0xffL);
        }
        return r;
    }
}
