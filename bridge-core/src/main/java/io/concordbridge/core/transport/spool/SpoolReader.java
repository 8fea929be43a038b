package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one origin's spool from a sequence number on, through its own file channel, seeing only
 * committed entries. It finds its place lazily: the segment by first sequence number, then the
 * nearest sparse index point, then frame by frame. Every entry's CRC and sequence number are
 * checked; a mismatch throws {@link IllegalStateException} naming file, offset and seq. Used by
 * one thread at a time; {@link #close()} (also called when the spool closes) may come from any.
 */
final class SpoolReader implements TransportReader {

    private final OriginLog log;
    private final Consumer<SpoolReader> onClose;
    private long nextSeq;
    private OriginTransaction pending;
    private Segment segment;
    private FileChannel channel;
    private long offset;
    private volatile boolean closed;

    SpoolReader(OriginLog log, long afterSeq, Consumer<SpoolReader> onClose) {
        this.log = log;
        this.nextSeq = afterSeq + 1;
        this.onClose = onClose;
    }

    /**
     * {@inheritDoc} Returns at most {@code maxChanges} transactions (so a run of anchors is cut
     * too). Returns an empty list at once when the spool closes during the wait; throws
     * {@link IllegalStateException} when called after close.
     */
    @Override
    public List<OriginTransaction> poll(int maxChanges, Duration wait) throws InterruptedException {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be at least 1, was " + maxChanges);
        }
        checkOpen();
        if (pending == null && !log.awaitCommitted(nextSeq, wait)) {
            return List.of();
        }
        List<OriginTransaction> out = new ArrayList<>();
        long committed = log.committedSeq();
        int changes = 0;
        while (out.size() < maxChanges && !closed) {
            OriginTransaction tx = pending != null ? pending : nextSeq <= committed ? readNext() : null;
            pending = null;
            if (tx == null) {
                break;
            }
            if (!out.isEmpty() && changes + tx.size() > maxChanges) {
                pending = tx;
                break;
            }
            out.add(tx);
            changes += tx.size();
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeChannel();
            onClose.accept(this);
        }
    }

    private OriginTransaction readNext() throws InterruptedException {
        try {
            position();
            Frames.Frame f = Frames.read(channel, offset, channel.size());
            if (!f.whole()) {
                throw corrupt(f.problem());
            }
            SpoolEntry e = ChangeCodec.decode(log.origin(), f.payload());
            if (e.seq() != nextSeq) {
                throw corrupt("holds seq " + e.seq());
            }
            offset = f.next();
            nextSeq++;
            return e.tx();
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            closeChannel();
            throw new InterruptedException("reading the spool of origin '" + log.origin() + "' interrupted at seq " + nextSeq);
        } catch (IOException e) {
            closeChannel();
            if (closed || log.closed()) {
                throw new IllegalStateException("The spool of origin '" + log.origin() + "' was closed while reading seq " + nextSeq, e);
            }
            throw new UncheckedIOException("Reading seq " + nextSeq + " of the spool of origin '" + log.origin() + "' from " + segment + " failed", e);
        }
    }

    /** Moves to the segment holding {@code nextSeq} if this is not it, and finds the entry's offset. */
    private void position() throws IOException {
        Segment s = log.segmentFor(nextSeq);
        if (s == null) {
            log.checkRetained(nextSeq - 1);
            throw new IllegalStateException("The spool of origin '" + log.origin() + "' has no segment holding seq " + nextSeq);
        }
        if (s == segment && channel != null) {
            return;
        }
        closeChannel();
        try {
            channel = FileChannel.open(s.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            log.checkRetained(nextSeq - 1);
            throw e;
        }
        segment = s;
        offset = s.locate(channel, nextSeq);
    }

    private IllegalStateException corrupt(String problem) {
        return new IllegalStateException("The spool of origin '" + log.origin() + "' is corrupt: entry seq " + nextSeq
                + " in " + segment + " at offset " + offset + ": " + problem);
    }

    private void checkOpen() {
        if (closed || log.closed()) {
            throw new IllegalStateException("This reader of the spool of origin '" + log.origin() + "' is closed");
        }
    }

    private void closeChannel() {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }
}
