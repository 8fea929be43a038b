package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Polls one target every {@link #intervalNanos} for the newest row of each origin writing to it,
 * with one cheap query (a primary-key range {@code MAX(id)} per origin), and records for every row
 * the time the poll that first saw it was sent. Rows of one origin arrive in commit order (both
 * replications keep it), so the newest visible id means every earlier one is visible too.
 * Stops once every written row is seen after {@link #writersDone}, or at the drain deadline. One
 * thread runs it; {@link #seen} and {@link #newestLagNanos} may be read from others.
 */
final class VisibilityPoller implements Runnable {

    private final LocalMariaDb target;
    private final String table;
    private final List<PacedWriter> sources;
    private final long intervalNanos;
    private final long[][] visibleNanos;
    private final AtomicLongArray seen;
    private volatile boolean writersDone;
    private volatile long drainDeadline = Long.MAX_VALUE;
    private volatile long newestLagNanos;
    private volatile Exception failure;

    VisibilityPoller(LocalMariaDb target, String table, List<PacedWriter> sources, long intervalNanos) {
        this.target = target;
        this.table = table;
        this.sources = List.copyOf(sources);
        this.intervalNanos = intervalNanos;
        this.visibleNanos = new long[sources.size()][];
        for (int i = 0; i < sources.size(); i++) {
            visibleNanos[i] = new long[sources.get(i).capacity()];
        }
        this.seen = new AtomicLongArray(sources.size());
    }

    LocalMariaDb target() {
        return target;
    }

    List<PacedWriter> sources() {
        return sources;
    }

    /** Rows of source {@code i} seen so far (they are ids {@code idBase .. idBase + seen - 1}). */
    long seen(int i) {
        return seen.get(i);
    }

    /** When the poll that first saw row {@code seq} of source {@code i} was sent; 0 if never. */
    long visibleNanos(int i, int seq) {
        return visibleNanos[i][seq];
    }

    /** Commit → visible of the newest row seen, for progress lines. */
    long newestLagNanos() {
        return newestLagNanos;
    }

    Exception failure() {
        return failure;
    }

    /** The writers have stopped: poll until every written row is seen, or until {@code deadline}. */
    void writersDone(long deadline) {
        drainDeadline = deadline;
        writersDone = true;
    }

    @Override
    public void run() {
        try (Connection c = target.connect(); PreparedStatement q = c.prepareStatement(query())) {
            c.setAutoCommit(true);
            int p = 1;
            for (PacedWriter s : sources) {
                q.setLong(p++, s.idBase());
                q.setLong(p++, s.idBase() + s.capacity() - 1);
            }
            long next = System.nanoTime();
            while (true) {
                boolean done = writersDone;
                next = Math.max(next + intervalNanos, System.nanoTime());
                PacedWriter.parkUntil(next);
                long sent = System.nanoTime();
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < sources.size(); i++) {
                        long max = rs.getLong(i + 1);
                        if (!rs.wasNull()) {
                            record(i, (int) (max - sources.get(i).idBase()), sent);
                        }
                    }
                }
                if ((done && allSeen()) || System.nanoTime() > drainDeadline) {
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private void record(int source, int newest, long sent) {
        long from = seen.get(source);
        if (newest < from) {
            return;
        }
        for (int seq = (int) from; seq <= newest; seq++) {
            visibleNanos[source][seq] = sent;
        }
        seen.set(source, newest + 1L);
        PacedWriter w = sources.get(source);
        if (newest < w.written()) {
            newestLagNanos = Math.max(0, sent - w.commitNanos(newest));
        }
    }

    private boolean allSeen() {
        for (int i = 0; i < sources.size(); i++) {
            if (seen.get(i) < sources.get(i).written()) {
                return false;
            }
        }
        return true;
    }

    private String query() {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < sources.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("(SELECT MAX(id) FROM ").append(table).append(" WHERE id BETWEEN ? AND ?)");
        }
        return sb.toString();
    }
}
