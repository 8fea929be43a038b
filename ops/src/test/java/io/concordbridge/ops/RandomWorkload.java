package io.concordbridge.ops;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded random inserts, updates and deletes over a small key space from several writer threads
 * per leader, so concurrent writes to the same rows on different leaders are frequent. The same
 * seed gives the same operations per thread (the interleaving still varies).
 *
 * <p>Table shape: {@code (id INT PRIMARY KEY, name VARCHAR(40), qty INT, note VARCHAR(40))}; a
 * versioned workload also sets {@code ver BIGINT} on every write, insert or update, to the writing
 * leader's time in microseconds, as an application keeps an {@code updated_at} version column.
 */
final class RandomWorkload {

    /** The leader's time in microseconds, an application's {@code updated_at} version. */
    private static final String NOW_MICROS = "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)";

    private final String table;
    private final int keys;
    private final int opsPerThread;
    private final int threadsPerLeader;
    private final long seed;
    private final boolean versioned;
    final AtomicLong writes = new AtomicLong();

    RandomWorkload(String table, int keys, int opsPerThread, int threadsPerLeader, long seed) {
        this(table, keys, opsPerThread, threadsPerLeader, seed, false);
    }

    RandomWorkload(String table, int keys, int opsPerThread, int threadsPerLeader, long seed, boolean versioned) {
        this.versioned = versioned;
        this.table = table;
        this.keys = keys;
        this.opsPerThread = opsPerThread;
        this.threadsPerLeader = threadsPerLeader;
        this.seed = seed;
    }

    /** Runs every writer thread on every leader to the end; rethrows the first failure. */
    void run(List<LocalMariaDb> leaders) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        int n = 0;
        for (LocalMariaDb db : leaders) {
            for (int t = 0; t < threadsPerLeader; t++) {
                long threadSeed = seed * 1000 + n++;
                Thread th = new Thread(() -> {
                    try {
                        write(db, new Random(threadSeed));
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "random-writer-" + db.name() + "-" + t);
                threads.add(th);
                th.start();
            }
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("writer failed (seed " + seed + "): " + failures.get(0), failures.get(0));
        }
    }

    private void write(LocalMariaDb db, Random random) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO " + table
                     + " (id, name, qty, note" + (versioned ? ", ver" : "") + ") VALUES (?, ?, ?, ?"
                     + (versioned ? ", " + NOW_MICROS : "") + ")");
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET name = ?, qty = qty + ?"
                     + (versioned ? ", ver = " + NOW_MICROS : "") + " WHERE id = ?");
             PreparedStatement note = c.prepareStatement("UPDATE " + table + " SET note = ?"
                     + (versioned ? ", ver = " + NOW_MICROS : "") + " WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (int i = 0; i < opsPerThread; i++) {
                int id = 1 + random.nextInt(keys);
                int kind = random.nextInt(10);
                String value = db.name() + "-" + i;
                int delta = random.nextInt(11) - 5;
                int qty = random.nextInt(100);
                String n = "n" + random.nextInt(5);
                for (int attempt = 1; ; attempt++) {
                    try {
                        one(kind, id, value, delta, qty, n, insert, update, note, delete);
                        break;
                    } catch (java.sql.SQLTransactionRollbackException e) {
                        // a deadlock with the bridge's apply on this leader: an application retries it
                        if (attempt == 10) {
                            throw e;
                        }
                    }
                }
                writes.incrementAndGet();
                if (random.nextInt(20) == 0) {
                    sleepQuietly(random.nextInt(20));
                }
            }
        }
    }

    private static void one(int kind, int id, String value, int delta, int qty, String n, PreparedStatement insert,
                            PreparedStatement update, PreparedStatement note, PreparedStatement delete)
            throws SQLException {
        if (kind < 3) {
            insert.setInt(1, id);
            insert.setString(2, value);
            insert.setInt(3, qty);
            insert.setString(4, n);
            insert.executeUpdate();
        } else if (kind < 6) {
            update.setString(1, value);
            update.setInt(2, delta);
            update.setInt(3, id);
            update.executeUpdate();
        } else if (kind < 8) {
            note.setString(1, "note " + value);
            note.setInt(2, id);
            note.executeUpdate();
        } else {
            delete.setInt(1, id);
            delete.executeUpdate();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
