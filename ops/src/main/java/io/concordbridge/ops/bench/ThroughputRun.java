package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures one {@link ThroughputWorkload} on one {@link Replication}: creates and pre-loads the
 * table everywhere, starts the replication, waits for the JIT to go quiet ({@link JitWarmup#awaitQuiet}),
 * writes at the first origin, and polls every target
 * for the sentinel every {@value #SENTINEL_POLL_MILLIS} ms. The rate is rows / (first write →
 * sentinel seen on the last target). Stops the replication and drops the table at the end.
 */
final class ThroughputRun {

    static final int SENTINEL_POLL_MILLIS = 10;
    /** Give up when the targets apply nothing for this long. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final PrintWriter out;

    ThroughputRun(PrintWriter out) {
        this.out = out;
    }

    ThroughputResult run(Replication replication, ThroughputWorkload workload, int rows) throws Exception {
        List<LocalMariaDb> servers = replication.servers();
        BenchSchema.create(servers, workload.database());
        workload.preload(servers, rows);
        replication.start(workload.key(), List.of(BenchSchema.table(workload.database())));
        LocalMariaDb origin = replication.origins().get(0);
        List<LocalMariaDb> targets = replication.targetsOf(origin);
        try (Connection writer = origin.connect(); Sentinels sentinels = new Sentinels(targets, workload.sentinelQuery(rows))) {
            new JitWarmup().awaitQuiet();
            AtomicLong written = new AtomicLong();
            CpuMeter cpu = new CpuMeter(servers);
            CpuMeter.Snapshot cpuBefore = cpu.snapshot();
            long start = System.nanoTime();
            long writeNanos;
            Map<String, Long> seen;
            try (Progress p = Progress.start(out, () -> line(replication, workload, rows, origin, written, start))) {
                workload.write(writer, rows, written);
                writeNanos = System.nanoTime() - start;
                seen = sentinels.await(replication, origin, start);
            }
            CpuMeter.Use used = cpu.snapshot().since(cpuBefore);
            long total = seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long txs = (rows + workload.rowsPerTransaction() - 1) / workload.rowsPerTransaction();
            return new ThroughputResult(replication.name(), rows, txs, writeNanos, total, seen,
                    replication.describeRun(origin), used);
        } finally {
            replication.stop();
            BenchSchema.dropDatabase(servers, workload.database());
        }
    }

    private static String line(Replication replication, ThroughputWorkload workload, int rows, LocalMariaDb origin,
                               AtomicLong written, long start) {
        double secs = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder(String.format("  %s %s %3.0f s: written %,d/%,d (%,.0f rows/s); applied",
                replication.name(), workload.key().toUpperCase(), secs, written.get(), rows, written.get() / secs));
        for (LocalMariaDb t : replication.targetsOf(origin)) {
            long applied = Math.min(rows, replication.appliedTransactions(origin, t) * workload.rowsPerTransaction());
            sb.append(String.format(" %s %,d (%,.0f rows/s)", t.name(), applied, applied / secs));
        }
        return sb.append(replication.progress(origin)).toString();
    }

    /** One polling connection per target, opened before the clock starts. */
    private static final class Sentinels implements AutoCloseable {

        private final List<LocalMariaDb> targets;
        private final List<Connection> connections = new ArrayList<>();
        private final List<PreparedStatement> queries = new ArrayList<>();

        Sentinels(List<LocalMariaDb> targets, String sql) throws SQLException {
            this.targets = targets;
            try {
                for (LocalMariaDb t : targets) {
                    Connection c = t.connect();
                    connections.add(c);
                    queries.add(c.prepareStatement(sql));
                }
            } catch (SQLException e) {
                close();
                throw e;
            }
        }

        /** Nanoseconds from {@code start} until the sentinel was seen, per target name. */
        Map<String, Long> await(Replication replication, LocalMariaDb origin, long start) throws Exception {
            Map<String, Long> seen = new LinkedHashMap<>();
            long applied = -1;
            long lastMove = System.nanoTime();
            long nextStallCheck = lastMove;
            while (seen.size() < targets.size()) {
                long now = System.nanoTime();
                for (int i = 0; i < targets.size(); i++) {
                    String name = targets.get(i).name();
                    if (!seen.containsKey(name) && visible(queries.get(i))) {
                        seen.put(name, now - start);
                    }
                }
                if (seen.size() == targets.size()) {
                    break;
                }
                if (now >= nextStallCheck) {
                    long a = targets.stream().mapToLong(t -> replication.appliedTransactions(origin, t)).sum();
                    if (a != applied) {
                        applied = a;
                        lastMove = now;
                    } else if (now - lastMove > STALL_LIMIT_NANOS) {
                        throw new IllegalStateException(replication.name() + " applied nothing for "
                                + TimeUnit.NANOSECONDS.toSeconds(STALL_LIMIT_NANOS) + " s; the last change is still "
                                + "missing on " + targets.stream().map(LocalMariaDb::name)
                                .filter(n -> !seen.containsKey(n)).toList() + ": " + replication.state());
                    }
                    nextStallCheck = now + TimeUnit.SECONDS.toNanos(1);
                }
                Thread.sleep(SENTINEL_POLL_MILLIS);
            }
            return seen;
        }

        private static boolean visible(PreparedStatement q) throws SQLException {
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }

        @Override
        public void close() {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // a polling connection: nothing to save
                }
            }
        }
    }
}
