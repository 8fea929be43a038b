package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Inserts single rows at one origin at a steady rate, each in its own (autocommitted) transaction,
 * scheduled by absolute time: write {@code i} is due at {@code start + i / rate}, so a slow commit
 * does not shift the writes after it. Row {@code i} has id {@code idBase + i}; the time its commit
 * returned is {@link #commitNanos(int)}. Stops at {@code end}, also when behind schedule. One
 * thread runs it; others may read {@link #written()}, and {@link #commitNanos} below it.
 */
final class PacedWriter implements Runnable {

    private final LocalMariaDb origin;
    private final String table;
    private final long idBase;
    private final int rate;
    private final long startNanos;
    private final long endNanos;
    private final long[] commitNanos;
    private final AtomicLong written = new AtomicLong();
    private volatile Exception failure;

    PacedWriter(LocalMariaDb origin, String table, long idBase, int rate, int seconds, long startNanos) {
        this.origin = origin;
        this.table = table;
        this.idBase = idBase;
        this.rate = rate;
        this.startNanos = startNanos;
        this.endNanos = startNanos + seconds * 1_000_000_000L;
        this.commitNanos = new long[Math.multiplyExact(rate, seconds)];
    }

    LocalMariaDb origin() {
        return origin;
    }

    long idBase() {
        return idBase;
    }

    /** The most writes this writer can make; ids are {@code idBase .. idBase + capacity - 1}. */
    int capacity() {
        return commitNanos.length;
    }

    /** Writes committed so far; {@link #commitNanos} is set for every one below this. */
    long written() {
        return written.get();
    }

    long commitNanos(int seq) {
        return commitNanos[seq];
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void run() {
        try (Connection c = origin.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, k, v, c) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            for (int seq = 0; seq < commitNanos.length; seq++) {
                long due = startNanos + seq * 1_000_000_000L / rate;
                parkUntil(due);
                if (System.nanoTime() >= endNanos) {
                    break;
                }
                long id = idBase + seq;
                ps.setLong(1, id);
                ps.setInt(2, (int) (id % 1000));
                ps.setLong(3, seq);
                ps.setString(4, BenchSchema.filler(id));
                ps.executeUpdate();
                commitNanos[seq] = System.nanoTime();
                written.set(seq + 1L);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    static void parkUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
