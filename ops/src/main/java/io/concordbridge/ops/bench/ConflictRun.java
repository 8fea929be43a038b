package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.Verify;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W3 on the bridge: keys 1..{@value #KEYS} pre-loaded on every leader while nothing replicates, then
 * a writer thread per leader doing autocommitted single-row {@code UPDATE}s of random keys among
 * them (a fixed seed per leader) at once. The clock stops when every leader has applied every
 * other leader's transactions; the conflicts are then counted in each leader's
 * {@code conflict_history}, and the leaders must hold identical rows (last writer wins). Each
 * update writes a value no other write does, so none is a no-op the binlog leaves out. Used by
 * one thread.
 */
final class ConflictRun {

    static final String DATABASE = "bench_w3";
    static final int KEYS = 1000;
    /** Give up when the leaders apply nothing for this long. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long CONVERGE_MILLIS = 60_000;
    private static final long VALUE_SPAN = 1_000_000_000_000L;

    private final PrintWriter out;

    ConflictRun(PrintWriter out) {
        this.out = out;
    }

    static String title(int rows) {
        return "W3 3x " + ReportTable.count(perLeader(rows)) + " updates of the same " + String.format("%,d", KEYS) + " keys";
    }

    /** {@code --rows} split over the three leaders, at least one each. */
    static int perLeader(int rows) {
        return Math.max(1, rows / 3);
    }

    ConflictResult run(BridgeReplication replication, int rowsPerLeader) throws Exception {
        List<LocalMariaDb> leaders = replication.servers();
        String table = BenchSchema.table(DATABASE);
        BenchSchema.create(leaders, DATABASE);
        BenchSchema.preload(leaders, DATABASE, KEYS);
        replication.start("w3", List.of(table));
        List<Writer> writers = new ArrayList<>();
        try {
            new JitWarmup().awaitQuiet();
            for (LocalMariaDb leader : leaders) {
                writers.add(new Writer(leader, table, writers.size() + 1, rowsPerLeader));
            }
            long start = System.nanoTime();
            long writeNanos;
            try (Progress p = Progress.start(out, () -> line(replication, writers, rowsPerLeader, start))) {
                List<Thread> threads = new ArrayList<>();
                for (Writer w : writers) {
                    Thread t = new Thread(w, "bench-w3-" + w.leader.name());
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                writeNanos = System.nanoTime() - start;
                for (Writer w : writers) {
                    if (w.failure != null) {
                        throw new IllegalStateException("the W3 writer on " + w.leader.name() + " failed: "
                                + w.failure.getMessage(), w.failure);
                    }
                }
                awaitApplied(replication, rowsPerLeader);
            }
            long total = System.nanoTime() - start;
            String meta = replication.config().metaSchema();
            Set<String> ids = new HashSet<>();
            long records = 0;
            for (LocalMariaDb leader : leaders) {
                records += conflictIds(leader, meta, ids);
            }
            awaitIdentical(replication.config());
            return new ConflictResult(replication.name(), leaders.size(), rowsPerLeader, KEYS, ids.size(), records,
                    writeNanos, total);
        } finally {
            writers.forEach(Writer::close);
            replication.stop();
            BenchSchema.dropDatabase(leaders, DATABASE);
        }
    }

    /** Waits until every leader has applied all {@code rowsPerLeader} transactions of every other leader. */
    private static void awaitApplied(Replication replication, long rowsPerLeader) throws InterruptedException {
        List<LocalMariaDb> leaders = replication.servers();
        long expected = rowsPerLeader * leaders.size() * (leaders.size() - 1);
        long applied = -1;
        long lastMove = System.nanoTime();
        while (true) {
            long a = 0;
            for (LocalMariaDb o : leaders) {
                for (LocalMariaDb t : replication.targetsOf(o)) {
                    a += Math.min(rowsPerLeader, replication.appliedTransactions(o, t));
                }
            }
            if (a >= expected) {
                return;
            }
            long now = System.nanoTime();
            if (a != applied) {
                applied = a;
                lastMove = now;
            } else if (now - lastMove > STALL_LIMIT_NANOS) {
                throw new IllegalStateException(String.format("%s applied nothing for %d s; %,d of %,d W3 transactions "
                        + "applied: %s", replication.name(), TimeUnit.NANOSECONDS.toSeconds(STALL_LIMIT_NANOS), a,
                        expected, replication.state()));
            }
            Thread.sleep(ThroughputRun.SENTINEL_POLL_MILLIS);
        }
    }

    /** Adds the conflict ids recorded at {@code leader} to {@code ids}; returns how many records it holds. */
    private static long conflictIds(LocalMariaDb leader, String meta, Set<String> ids) throws SQLException {
        long records = 0;
        try (Connection c = leader.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conflict_id FROM `" + meta + "`.conflict_history"
                     + " WHERE policy <> 'resolution'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                records++;
            }
        }
        return records;
    }

    /** Every leader has applied everything; what is left is for the rows to be the same (last writer wins). */
    private static void awaitIdentical(BridgeConfig config) throws InterruptedException {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        long deadline = System.currentTimeMillis() + CONVERGE_MILLIS;
        while (!Verify.run(config, quiet).identical()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("W3: the leaders applied every write but " + BenchSchema.table(DATABASE)
                        + " still differs between them after " + CONVERGE_MILLIS / 1000 + " s: "
                        + Verify.run(config, quiet).describe());
            }
            Thread.sleep(300);
        }
    }

    private static String line(Replication replication, List<Writer> writers, long rowsPerLeader, long start) {
        double secs = Math.max(0.001, (System.nanoTime() - start) / 1e9);
        long written = writers.stream().mapToLong(w -> w.done.get()).sum();
        StringBuilder sb = new StringBuilder(String.format("  %s W3 %3.0f s: written %,d/%,d (%,.0f rows/s); applied",
                replication.name(), secs, written, rowsPerLeader * writers.size(), written / secs));
        for (LocalMariaDb t : replication.servers()) {
            long a = replication.targetsOf(t).stream().mapToLong(o -> replication.appliedTransactions(o, t)).sum();
            sb.append(String.format(" %s %,d", t.name(), a));
        }
        return sb.toString();
    }

    /** One leader's writer: its connection is opened before the clock starts. */
    private static final class Writer implements Runnable, AutoCloseable {

        private final LocalMariaDb leader;
        private final Connection connection;
        private final String table;
        private final int index;
        private final long rows;
        private final AtomicLong done = new AtomicLong();
        private volatile Exception failure;

        Writer(LocalMariaDb leader, String table, int index, long rows) throws SQLException {
            this.leader = leader;
            this.connection = leader.connect();
            this.table = table;
            this.index = index;
            this.rows = rows;
        }

        @Override
        public void run() {
            Random random = new Random(index);
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET v = ? WHERE id = ?")) {
                connection.setAutoCommit(true);
                for (long seq = 1; seq <= rows; seq++) {
                    ps.setLong(1, index * VALUE_SPAN + seq);
                    ps.setLong(2, 1 + random.nextInt(KEYS));
                    ps.executeUpdate();
                    done.lazySet(seq);
                }
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a writer's connection: nothing to save
            }
        }
    }
}
