package io.concordbridge.core.transport.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * One segment file of an origin's log, named by the sequence number of its first entry, with a
 * sparse index of (seq, file offset) points at least {@link #INDEX_INTERVAL_BYTES} apart. The
 * index always holds the first entry; the writer adds points as it appends, recovery as it
 * scans, and readers as they skip through a segment nobody indexed yet. Thread-safe.
 */
final class Segment {

    static final long INDEX_INTERVAL_BYTES = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

    private final long firstSeq;
    private final Path path;
    private final ConcurrentSkipListMap<Long, Long> index = new ConcurrentSkipListMap<>();

    Segment(Path dir, long firstSeq) {
        this.firstSeq = firstSeq;
        this.path = dir.resolve(fileName(firstSeq));
        index.put(firstSeq, 0L);
    }

    static String fileName(long firstSeq) {
        return String.format("%020d.seg", firstSeq);
    }

    /** The first sequence number of a segment file name, or empty if it is not one. */
    static OptionalLong parseFirstSeq(String fileName) {
        var m = NAME.matcher(fileName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    long firstSeq() {
        return firstSeq;
    }

    Path path() {
        return path;
    }

    /** Records that entry {@code seq} starts at {@code offset}, if the nearest point before it is far enough. */
    void maybeIndex(long seq, long offset) {
        Map.Entry<Long, Long> floor = index.floorEntry(seq);
        if (floor == null || offset - floor.getValue() >= INDEX_INTERVAL_BYTES) {
            index.put(seq, offset);
        }
    }

    /** Forgets points of entries above {@code seq} (entries that were written but never committed). */
    void dropIndexAbove(long seq) {
        index.tailMap(seq, false).clear();
    }

    /**
     * The file offset of entry {@code seq}, which must be committed and in this segment: from the
     * nearest index point, skips forward frame by frame.
     */
    long locate(FileChannel ch, long seq) throws IOException {
        Map.Entry<Long, Long> floor = index.floorEntry(seq);
        long at = floor.getKey();
        long offset = floor.getValue();
        while (at < seq) {
            offset = Frames.skip(ch, offset);
            at++;
            maybeIndex(at, offset);
        }
        return offset;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
