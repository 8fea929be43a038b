package io.concordbridge.core.transport.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer the spool encodes entries into: fixed-width big-endian integers,
 * LEB128 variable-length integers (zig-zag for signed ones) and length-prefixed bytes and
 * UTF-8 strings. Reusable via {@link #reset()}. Not thread-safe: one encoder at a time.
 */
public final class SpoolOutput {

    private byte[] buf;
    private int size;

    public SpoolOutput() {
        this(256);
    }

    public SpoolOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** The bytes written so far, as a buffer over this output's array (valid until the next write). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, size);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    byte[] array() {
        return buf;
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeFixedInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    public void writeFixedLong(long v) {
        writeFixedInt((int) (v >>> 32));
        writeFixedInt((int) v);
    }

    /** An unsigned LEB128 integer: 1 byte below 128, at most 10 bytes. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** A signed integer, zig-zag encoded so small negative values stay short. */
    public void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    public void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    public void writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        writeRaw(bytes, 0, bytes.length);
    }

    public void writeString(String s) {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that may be null: its UTF-8 length plus one, 0 for null, then the bytes. */
    public void writeNullableString(String s) {
        if (s == null) {
            writeVarLong(0);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length + 1L);
        writeRaw(bytes, 0, bytes.length);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("spool entry too large: more than " + (Integer.MAX_VALUE - 16) + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
