package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One origin's append-only log under {@code spool/<origin>/}: its segments, its committed head,
 * and its retention. Entries become visible to readers only once forced to disk, so a reader
 * never sees a transaction a crash could take back. Thread-safe: publishes are serialized by a
 * write lock held across the write and force; readers read committed entries through their own
 * file channels and wait on a condition that each commit signals; acknowledgements and segment
 * deletion run under their own lock and never touch the segment holding the head.
 */
final class OriginLog {

    private static final Logger LOG = LoggerFactory.getLogger(OriginLog.class);

    private final String origin;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final Retention retention;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition committed = signalLock.newCondition();
    private final SpoolOutput entry = new SpoolOutput(4096);
    private final SegmentWriter writer;
    private volatile LogHead head;
    private volatile boolean closed;
    private volatile String failure;

    /** Opens (creating if needed) and recovers the log in {@code dir}. */
    OriginLog(String origin, Path dir, long segmentBytes, Set<String> targets) throws IOException {
        this.origin = origin;
        this.retention = new Retention(origin, targets, segments);
        Files.createDirectories(dir); // made durable with the first segment (see SegmentWriter)
        LogRecovery.Recovered r = LogRecovery.recover(origin, dir);
        Segment last = null;
        for (Segment s : r.segments()) {
            segments.put(s.firstSeq(), s);
            last = s;
        }
        this.head = r.head();
        this.writer = new SegmentWriter(dir, segmentBytes, segments, last, r.lastSize());
        LOG.info("Spool of origin '{}' opened: {} segment(s), seqs {}..{}", origin, segments.size(),
                segments.isEmpty() ? "-" : segments.firstKey(), head == null ? "-" : head.seq());
    }

    String origin() {
        return origin;
    }

    LogHead head() {
        return head;
    }

    long committedSeq() {
        LogHead h = head;
        return h == null ? 0 : h.seq();
    }

    /** Appends, forces once, makes the entries visible, and returns them with their seqs. */
    List<OriginTransaction> append(List<OriginTransaction> txs) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("publish to the spool of origin '" + origin + "' interrupted before writing");
        }
        writeLock.lock();
        try {
            checkWritable();
            LogHead before = head;
            long seq = before == null ? 0 : before.seq();
            long stampHighWater = before == null ? 0 : before.stampMicros();
            List<OriginTransaction> out = new ArrayList<>(txs.size());
            try {
                for (OriginTransaction tx : txs) {
                    seq++;
                    stampHighWater = Math.max(stampHighWater, highestStamp(tx));
                    entry.reset();
                    ChangeCodec.encode(seq, stampHighWater, tx, entry);
                    writer.append(seq, entry);
                    out.add(tx.withSeq(seq));
                }
                writer.commit();
            } catch (IOException | RuntimeException e) {
                throw rollBack(before, seq, e);
            }
            OriginTransaction last = out.get(out.size() - 1);
            LogHead newHead = new LogHead(seq, last.txId(), last.position(), last.resumeToken(), stampHighWater);
            signalLock.lock();
            try {
                head = newHead;
                committed.signalAll();
            } finally {
                signalLock.unlock();
            }
            LOG.debug("Spool of origin '{}': published seqs {}..{}", origin, out.get(0).seq(), seq);
            return out;
        } finally {
            writeLock.unlock();
        }
    }

    /** Waits until entry {@code seq} is committed; false when {@code wait} passed or the log closed first. */
    boolean awaitCommitted(long seq, Duration wait) throws InterruptedException {
        if (committedSeq() >= seq) {
            return true;
        }
        long nanos = wait.isNegative() ? 0 : saturatedNanos(wait);
        signalLock.lockInterruptibly();
        try {
            while (committedSeq() < seq) {
                if (closed || nanos <= 0) {
                    return false;
                }
                nanos = committed.awaitNanos(nanos);
            }
            return true;
        } finally {
            signalLock.unlock();
        }
    }

    /** The segment that holds (or will hold) entry {@code seq}; null if it was deleted or none exists yet. */
    Segment segmentFor(long seq) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        return e == null ? null : e.getValue();
    }

    /** Throws {@link IllegalStateException} if the entries after {@code afterSeq} are no longer all retained. */
    void checkRetained(long afterSeq) {
        retention.checkRetained(afterSeq);
    }

    void acknowledge(String target, long seq) {
        retention.acknowledge(target, seq, committedSeq());
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        signalLock.lock();
        try {
            committed.signalAll();
        } finally {
            signalLock.unlock();
        }
        writeLock.lock();
        try {
            writer.close();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Undoes a failed append and returns what to throw: the cause itself if it was not an I/O
     * error (an unsupported value), else InterruptedException or UncheckedIOException.
     */
    private RuntimeException rollBack(LogHead before, long failedSeq, Exception cause) throws InterruptedException {
        boolean interrupted = Thread.interrupted() | cause instanceof ClosedByInterruptException;
        long committedSeq = before == null ? 0 : before.seq();
        try {
            writer.rollBack(committedSeq);
            LOG.warn("Spool of origin '{}': publishing seq {} failed ({}); rolled back to seq {}", origin, failedSeq, cause.toString(), committedSeq);
        } catch (IOException e) {
            cause.addSuppressed(e);
            failure = "rolling back to seq " + committedSeq + " failed: " + e;
            LOG.error("Spool of origin '{}' stopped: {}; restart to recover it from disk", origin, failure, cause);
        }
        if (cause instanceof RuntimeException re) {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return re;
        }
        if (interrupted) {
            InterruptedException ie = new InterruptedException("publish to the spool of origin '" + origin + "' interrupted; nothing was published");
            ie.initCause(cause);
            throw ie;
        }
        return new UncheckedIOException("Publishing to the spool of origin '" + origin + "' failed; nothing was published", (IOException) cause);
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("The spool is closed; cannot publish for origin '" + origin + "'");
        }
        if (failure != null) {
            throw new IllegalStateException("The spool of origin '" + origin + "' stopped after " + failure + "; restart to recover it from disk");
        }
    }

    private static long highestStamp(OriginTransaction tx) {
        long max = Long.MIN_VALUE;
        for (Change c : tx.changes()) {
            if (c.stamp() != null) {
                max = Math.max(max, c.stamp().micros());
            }
        }
        return max;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
