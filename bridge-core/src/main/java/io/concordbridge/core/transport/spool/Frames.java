package io.concordbridge.core.transport.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame around each entry in a segment file: {@code [length:int32][crc:int32][payload]},
 * big-endian, where length counts the payload bytes and the CRC32C covers the four length bytes
 * and then the payload, so a torn or zeroed length is caught as surely as a torn payload.
 * Stateless and thread-safe.
 */
final class Frames {

    static final int HEADER_BYTES = 8;

    /** A frame read from a file: its payload and where the next one starts, or why it is not a whole frame. */
    record Frame(byte[] payload, long next, String problem) {
        boolean whole() {
            return problem == null;
        }
    }

    private Frames() {
    }

    /** Appends the frame of {@code payload} to {@code out}. */
    static void append(SpoolOutput out, SpoolOutput payload) {
        int length = payload.size();
        out.writeFixedInt(length);
        out.writeFixedInt(crc(length, payload.array(), length));
        out.writeRaw(payload.array(), 0, length);
    }

    /**
     * Reads the frame at {@code offset} of a file whose valid bytes end at {@code limit}. A frame
     * that is short, has an impossible length or a wrong CRC is returned with a problem, not thrown.
     */
    static Frame read(FileChannel ch, long offset, long limit) throws IOException {
        if (limit - offset < HEADER_BYTES) {
            return new Frame(null, offset, "partial header: " + (limit - offset) + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(ch, header, offset);
        int length = header.getInt(0);
        int expectedCrc = header.getInt(4);
        if (length < 1) {
            return new Frame(null, offset, "bad length " + length);
        }
        long next = offset + HEADER_BYTES + length;
        if (next > limit) {
            return new Frame(null, offset, "partial entry: length " + length + " but only " + (limit - offset - HEADER_BYTES) + " bytes follow");
        }
        byte[] payload = new byte[length];
        readFully(ch, ByteBuffer.wrap(payload), offset + HEADER_BYTES);
        if (crc(length, payload, length) != expectedCrc) {
            return new Frame(null, offset, "CRC32C mismatch");
        }
        return new Frame(payload, next, null);
    }

    /** The offset of the frame after the one at {@code offset}, trusting its length (for committed data only). */
    static long skip(FileChannel ch, long offset) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(ch, length, offset);
        return offset + HEADER_BYTES + length.getInt(0);
    }

    private static int crc(int length, byte[] payload, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload, 0, payloadLength);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, at);
            if (n < 0) {
                throw new EOFException("end of file at offset " + at + " while reading " + dst.remaining() + " more bytes");
            }
            at += n;
        }
    }
}
