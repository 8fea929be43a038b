package io.concordbridge.core.transport.spool;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link SpoolOutput} wrote from a byte array. A read past the end, or a malformed
 * integer, throws {@link IllegalStateException}: the payload passed its CRC, so it was written
 * by a different format or a bug, never torn. Not thread-safe.
 */
public final class SpoolInput {

    private final byte[] buf;
    private int pos;

    public SpoolInput(byte[] buf) {
        this.buf = buf;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int readFixedInt() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long readFixedLong() {
        long high = readFixedInt() & 0xFFFFFFFFL;
        return (high << 32) | (readFixedInt() & 0xFFFFFFFFL);
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("malformed variable-length integer at byte " + pos);
    }

    public long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A non-negative count or length that must fit in what is left of the payload. */
    public int readLength() {
        long n = readVarLong();
        if (n < 0 || n > remaining()) {
            throw new IllegalStateException("length " + n + " at byte " + pos + " exceeds the " + remaining() + " bytes left");
        }
        return (int) n;
    }

    public byte[] readBytes() {
        int n = readLength();
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public String readString() {
        int n = readLength();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public String readNullableString() {
        long n = readVarLong();
        if (n == 0) {
            return null;
        }
        if (n - 1 > remaining()) {
            throw new IllegalStateException("string length " + (n - 1) + " at byte " + pos + " exceeds the " + remaining() + " bytes left");
        }
        String s = new String(buf, pos, (int) (n - 1), StandardCharsets.UTF_8);
        pos += (int) (n - 1);
        return s;
    }

    private void need(int n) {
        if (remaining() < n) {
            throw new IllegalStateException("payload ends at byte " + buf.length + ", needed " + n + " more at byte " + pos);
        }
    }
}
