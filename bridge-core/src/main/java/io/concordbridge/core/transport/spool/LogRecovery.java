package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds an origin's segments on open and makes the newest one end with a whole entry: it scans
 * the last segment frame by frame, truncates a torn tail (partial header or payload, bad length
 * or CRC, as a crash during a write leaves) with a WARN naming the file and offset, deletes a last
 * segment left with no entry, and reads the head from the last entry. Older segments are not
 * scanned: a segment is forced before the next one gets its first entry, so only the last can be
 * torn. An entry whose CRC is good but whose sequence number is wrong is corruption, not a torn
 * write, and stops the open with {@link IllegalStateException}. Used by one thread at open.
 */
final class LogRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /** What an open found: the segments in order, the head (null if the log is empty) and the last segment's size. */
    record Recovered(List<Segment> segments, LogHead head, long lastSize) {
    }

    private LogRecovery() {
    }

    static Recovered recover(String origin, Path dir) throws IOException {
        List<Segment> segments = list(origin, dir);
        while (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            Recovered r = scanLast(origin, segments, last);
            if (r != null) {
                return r;
            }
            LOG.warn("Spool of origin '{}': segment {} holds no whole entry; deleting it", origin, last);
            Files.delete(last.path());
            segments.remove(segments.size() - 1);
        }
        return new Recovered(segments, null, 0);
    }

    private static List<Segment> list(String origin, Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                OptionalLong first = Segment.parseFirstSeq(f.getFileName().toString());
                if (first.isPresent() && first.getAsLong() > 0) {
                    segments.add(new Segment(dir, first.getAsLong()));
                } else {
                    LOG.warn("Spool of origin '{}': ignoring {}, which is not a segment file", origin, f);
                }
            }
        }
        return segments;
    }

    /** Scans the last segment, truncating a torn tail; null if no whole entry is left in it. */
    private static Recovered scanLast(String origin, List<Segment> segments, Segment last) throws IOException {
        try (FileChannel ch = FileChannel.open(last.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long offset = 0;
            long expected = last.firstSeq();
            byte[] lastPayload = null;
            while (offset < size) {
                Frames.Frame f = Frames.read(ch, offset, size);
                if (!f.whole()) {
                    LOG.warn("Spool of origin '{}': torn entry in {} at offset {} ({}); truncating the last {} bytes",
                            origin, last, offset, f.problem(), size - offset);
                    ch.truncate(offset);
                    ch.force(true);
                    break;
                }
                long seq = ChangeCodec.seqOf(f.payload());
                if (seq != expected) {
                    throw new IllegalStateException("Spool of origin '" + origin + "' is corrupt: " + last + " at offset "
                            + offset + " holds seq " + seq + ", expected " + expected + "; move the spool aside to start over");
                }
                last.maybeIndex(seq, offset);
                lastPayload = f.payload();
                offset = f.next();
                expected++;
            }
            if (lastPayload == null) {
                return null;
            }
            SpoolEntry e = ChangeCodec.decode(origin, lastPayload);
            OriginTransaction tx = e.tx();
            LogHead head = new LogHead(e.seq(), tx.txId(), tx.position(), tx.resumeToken(), e.stampHighWater());
            return new Recovered(segments, head, offset);
        }
    }
}
