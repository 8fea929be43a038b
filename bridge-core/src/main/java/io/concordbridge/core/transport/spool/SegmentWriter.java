package io.concordbridge.core.transport.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableMap;

/**
 * Appends frames to the newest segment of one origin's log, rolling to a new segment file when
 * the next frame would take the current one past the segment size (a frame larger than that gets
 * a segment of its own). Frames are buffered and written by {@link #commit()}, which makes them
 * durable with one force; a roll forces the segment it leaves (and the directory, for the new
 * file) first, so a segment is whole before its successor gets an entry and only the newest can
 * ever be torn. Not thread-safe: used under the origin log's write lock.
 */
final class SegmentWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);
    private static final int FLUSH_BYTES = 1 << 20;

    private final Path dir;
    private final long segmentBytes;
    private final NavigableMap<Long, Segment> segments;
    private final SpoolOutput pending = new SpoolOutput(64 * 1024);
    private Segment active;
    private FileChannel channel;
    private long written;
    private Segment committedSegment;
    private long committedSize;

    /** Continues {@code last} (null for an empty log) whose durable bytes end at {@code lastSize}. */
    SegmentWriter(Path dir, long segmentBytes, NavigableMap<Long, Segment> segments, Segment last, long lastSize) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.segments = segments;
        this.active = last;
        this.written = lastSize;
        this.committedSegment = last;
        this.committedSize = lastSize;
    }

    /** Buffers the frame of entry {@code seq}. */
    void append(long seq, SpoolOutput payload) throws IOException {
        long end = written + pending.size();
        long frame = Frames.HEADER_BYTES + (long) payload.size();
        if (active == null || (end > 0 && end + frame > segmentBytes)) {
            roll(seq);
        } else if (pending.size() >= FLUSH_BYTES) {
            flush();
        }
        active.maybeIndex(seq, written + pending.size());
        Frames.append(pending, payload);
    }

    /** Writes what is buffered and forces it to disk: after this the appended entries survive a crash. */
    void commit() throws IOException {
        flush();
        channel.force(false);
        committedSegment = active;
        committedSize = written;
    }

    /**
     * Forgets everything appended since the last commit: deletes segments begun since and
     * truncates the committed one back, durably. Uses classic file I/O, which an interrupt cannot
     * break off, so an interrupted publish can always be undone; the next flush reopens the channel.
     */
    void rollBack(long committedSeq) throws IOException {
        pending.reset();
        closeChannel();
        for (Segment s : segments.tailMap(committedSeq, false).values().toArray(new Segment[0])) {
            segments.remove(s.firstSeq());
            Files.deleteIfExists(s.path());
        }
        active = committedSegment;
        written = committedSize;
        if (active != null) {
            active.dropIndexAbove(committedSeq);
            try (RandomAccessFile file = new RandomAccessFile(active.path().toFile(), "rw")) {
                file.setLength(committedSize);
                file.getFD().sync();
            }
        }
    }

    void close() {
        pending.reset();
        closeChannel();
    }

    private void roll(long firstSeq) throws IOException {
        if (active != null) {
            flush();
            channel.force(false);
            closeChannel();
        }
        Segment next = new Segment(dir, firstSeq);
        segments.put(firstSeq, next); // first, so that a roll-back finds and deletes the file
        channel = FileChannel.open(next.path(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        forceDirectory(dir);
        if (active == null) {
            forceDirectory(dir.getParent()); // the origin's directory may be new too
        }
        LOG.debug("Spool segment {} started after {} ({} bytes)", next, active, written);
        active = next;
        written = 0;
    }

    private void flush() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(active.path(), StandardOpenOption.WRITE);
        }
        ByteBuffer buf = pending.buffer();
        while (buf.hasRemaining()) {
            written += channel.write(buf, written);
        }
        pending.reset();
    }

    /** Makes a directory's entries (a new file in it) durable, where the platform allows forcing a directory. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (e instanceof java.nio.channels.ClosedByInterruptException) {
                throw e;
            }
            LOG.debug("Cannot force directory {} on this platform: {}", dir, e.toString());
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed: {}", active, e.toString());
            }
            channel = null;
        }
    }
}
