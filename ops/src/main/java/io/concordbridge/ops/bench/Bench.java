package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bridge bench}: starts the servers (the Kafka broker of sidecar mode only for sidecar mode's
 * runs), runs W1, W2 and the lag phase on the bridge in hub mode, the bridge in sidecar mode and
 * native replication in turn (in that order, each on a fresh database), W3 (conflicts) on the hub
 * between W2 and the lag phase, and returns the figures. Whatever happens, and also on
 * Ctrl-C, every bridge runtime, the broker and every server is stopped and the bench's folder removed.
 * Runs once; not thread-safe.
 */
public final class Bench {

    private final BenchOptions options;
    private final PrintWriter out;
    private Path dir;
    private BenchServers servers;
    private HubReplication hub;
    private SidecarReplication sidecar;
    private NativeReplication nat;

    public Bench(BenchOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public BenchReport run() throws Exception {
        LocalMariaDb.findProgram("mariadbd");
        dir = options.parentDir() == null ? Files.createTempDirectory("concord-bench")
                : Files.createTempDirectory(Files.createDirectories(options.parentDir()), "concord-bench");
        Thread hook = new Thread(() -> cleanUp(true), "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return measure();
        } finally {
            cleanUp(false);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing left to do
            }
        }
    }

    private BenchReport measure() throws Exception {
        double loadBefore = loadAverage();
        List<Replication> replications = startServers();
        List<Integer> ports = new ArrayList<>(servers.all().stream().map(LocalMariaDb::port).toList());
        if (servers.broker() != null) {
            ports.add(servers.broker().port());
        }
        Map<String, String> server = sameEverywhere(servers.all());
        Map<String, List<Long>> warmupCompileMillis = new LinkedHashMap<>();

        int rows = options.rows();
        ThroughputWorkload w1 = new SingleRowUpdates();
        ThroughputWorkload w2 = new BatchedInserts(BenchOptions.W2_TX_ROWS);
        if (options.warmupRows() > 0) {
            step(String.format("Warm-up, not measured: W1 with %,d rows on each replication, then W2 %d times with as many",
                    options.warmupRows(), options.warmupRounds()));
            for (Replication r : replications) {
                throughput(r, w1, options.warmupRows());
                warmupCompileMillis.put(r.name(), warmUp(r, w2));
            }
        }
        Map<String, ThroughputResult> w1Results = new HashMap<>();
        if (!options.skipW1()) {
            step(w1.title(rows) + ": one connection, autocommit, prepared UPDATE of rows pre-loaded everywhere");
            for (Replication r : replications) {
                w1Results.put(r.name(), throughput(r, w1, rows));
            }
        }
        step(w2.title(rows) + ": one connection, a prepared " + BenchOptions.W2_TX_ROWS + "-row INSERT and a commit per transaction");
        Map<String, ThroughputResult> w2Results = new HashMap<>();
        for (Replication r : replications) {
            w2Results.put(r.name(), throughput(r, w2, rows));
        }
        ConflictResult w3 = options.skipConflicts() ? null : conflicts(rows);
        Map<String, LagResult> lagResults = new HashMap<>();
        if (!options.skipLag()) {
            step(String.format("Lag: %,d single-row INSERTs/s on each of dc1, dc2, dc3 for %d s (native: on the primary)",
                    options.lagRate(), options.lagSeconds()));
            for (Replication r : replications) {
                lagResults.put(r.name(), lag(r));
            }
        }
        if (sidecar != null) {
            out.println();
            out.println(String.format("The Kafka broker ran only for sidecar mode's %d runs "
                    + "(started and stopped with each)", servers.broker().starts()));
        }
        String version = server.remove("version");
        BenchReport.Context context = new BenchReport.Context(version,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), server, hub.settings(),
                sidecar == null ? Map.of() : sidecar.settings(), sidecar == null ? null : AppInfoParser.getVersion(),
                nat == null ? Map.of() : nat.settings(), warmupCompileMillis);
        return new BenchReport(options, context, figures(hub, w1Results, w2Results, w3, lagResults),
                figures(sidecar, w1Results, w2Results, null, lagResults), figures(nat, w1Results, w2Results, null, lagResults),
                ports);
    }

    private static BenchReport.Figures figures(Replication r, Map<String, ThroughputResult> w1,
                                               Map<String, ThroughputResult> w2, ConflictResult w3,
                                               Map<String, LagResult> lag) {
        return r == null ? null : new BenchReport.Figures(w1.get(r.name()), w2.get(r.name()), w3, lag.get(r.name()));
    }

    /** W3 on the hub alone: native replication has no conflicts, and one bridge mode shows what they cost. */
    private ConflictResult conflicts(int rows) throws Exception {
        step(ConflictRun.title(rows) + ": a connection per leader (dc1, dc2, dc3) at once, autocommit, prepared UPDATE "
                + "of random keys among " + String.format("%,d", ConflictRun.KEYS) + " pre-loaded everywhere; hub only");
        ConflictResult r = new ConflictRun(out).run(hub, ConflictRun.perLeader(rows));
        out.println(String.format("  %s W3: %,.0f rows/s, %,.0f conflicts/s (%,d conflicts, %,d conflict_history records "
                        + "on the three leaders; the leaders took the writes in %.1f s, all applied everywhere after %.1f s; "
                        + "rows identical everywhere)", r.system(), r.rowsPerSecond(), r.conflictsPerSecond(), r.conflicts(),
                r.records(), r.writeNanos() / 1e9, r.totalNanos() / 1e9));
        out.flush();
        return r;
    }

    /** Starts every server and sets up the replications; returns them in the order they are measured. */
    private List<Replication> startServers() throws SQLException {
        step("Starting " + (options.skipNative() ? 3 : 5) + " throwaway MariaDB servers"
                + " under " + dir + (options.skipSidecar() ? "" : " (and a Kafka broker for each sidecar run)"));
        servers = BenchServers.start(dir, !options.skipNative(), !options.skipSidecar());
        servers.cluster().leaders().values().forEach(db -> out.println("  bridge leader " + db.name()
                + ": 127.0.0.1:" + db.port() + " (server id " + db.serverId() + ")"));
        List<Replication> replications = new ArrayList<>();
        hub = new HubReplication(servers.cluster(), dir);
        replications.add(hub);
        if (servers.broker() != null) {
            out.println("  sidecar: Kafka " + AppInfoParser.getVersion() + " at " + servers.broker().bootstrapServers()
                    + " (single-node KRaft broker in this JVM, running only while sidecar mode is measured), a runtime"
                    + " per leader");
            sidecar = new SidecarReplication(servers.cluster(), dir, servers.broker());
            replications.add(sidecar);
        }
        if (!options.skipNative()) {
            out.println("  native: primary 127.0.0.1:" + servers.primary().port() + " (server id 11) -> replica 127.0.0.1:"
                    + servers.replica().port() + " (server id 12)");
            nat = NativeReplication.setUp(servers.primary(), servers.replica());
            replications.add(nat);
        }
        return replications;
    }

    private ThroughputResult throughput(Replication replication, ThroughputWorkload workload, int rows) throws Exception {
        ThroughputResult r = new ThroughputRun(out).run(replication, workload, rows);
        StringBuilder seen = new StringBuilder();
        r.seenNanos().forEach((t, n) -> seen.append(String.format("%s %s +%.0f ms", seen.length() == 0 ? "" : ",", t,
                (n - r.writeNanos()) / 1e6)));
        out.println(String.format("  %s %s: %,.0f rows/s (origin took the writes in %.1f s at %,.0f rows/s; last change "
                        + "seen on%s after the last commit)", replication.name(), workload.key().toUpperCase(), r.rowsPerSecond(),
                r.writeNanos() / 1e9, r.originRowsPerSecond(), seen));
        out.println("    " + r.notes());
        out.println(String.format("    %s = %,.0f us per row", r.cpu().describe(), r.cpuMicrosPerRow()));
        out.flush();
        return r;
    }

    /** W2's warm-up rounds on {@code replication}; returns the JIT's compile time in each (ms; -1: not reported). */
    private List<Long> warmUp(Replication replication, ThroughputWorkload w2) throws Exception {
        JitWarmup jit = new JitWarmup();
        List<Long> compiled = new ArrayList<>();
        for (int round = 1; round <= options.warmupRounds(); round++) {
            long before = jit.compileMillis();
            throughput(replication, w2, options.warmupRows());
            long ms = before < 0 ? -1 : jit.compileMillis() - before;
            compiled.add(ms);
            out.println(String.format("  %s W2 warm-up round %d of %d: the JIT compiled for %s", replication.name(), round,
                    options.warmupRounds(), ms < 0 ? "(not reported by this JVM)" : String.format("%,d ms", ms)));
            out.flush();
        }
        return compiled;
    }

    private LagResult lag(Replication replication) throws Exception {
        LagResult r = new LagRun(out).run(replication, options.lagRate(), options.lagSeconds());
        out.println(String.format("  %s lag: p50 %s, p99 %s, max %s over %,d (write, target) pairs; %,.0f w/s per origin "
                        + "achieved%s", replication.name(), ReportTable.millis(r.all().p50Micros()),
                ReportTable.millis(r.all().p99Micros()), ReportTable.millis(r.all().maxMicros()), r.all().count(),
                r.achievedRatePerOrigin(), r.missing() == 0 ? "" : String.format("; %,d never seen", r.missing())));
        r.pairs().forEach((pair, f) -> out.println(String.format("    %s: p50 %s, p99 %s, max %s", pair,
                ReportTable.millis(f.p50Micros()), ReportTable.millis(f.p99Micros()), ReportTable.millis(f.maxMicros()))));
        out.println("    " + r.cpu().describe());
        out.flush();
        return r;
    }

    /** The settings of the first server; a setting that differs elsewhere says where and how. */
    private static Map<String, String> sameEverywhere(List<LocalMariaDb> all) throws SQLException {
        Map<String, String> first = serverSettings(all.get(0));
        Map<String, String> result = new LinkedHashMap<>(first);
        for (LocalMariaDb db : all.subList(1, all.size())) {
            serverSettings(db).forEach((k, v) -> {
                if (!k.equals("version") && !v.equals(first.get(k))) {
                    result.merge(k, v, (a, b) -> a + " (" + db.name() + ": " + b + ")");
                }
            });
        }
        return result;
    }

    private static Map<String, String> serverSettings(LocalMariaDb db) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT VERSION(), @@sync_binlog, @@innodb_flush_log_at_trx_commit, @@binlog_format, "
                        + "@@binlog_row_image, @@innodb_buffer_pool_size")) {
            rs.next();
            m.put("version", rs.getString(1));
            m.put("sync_binlog", rs.getString(2));
            m.put("innodb_flush_log_at_trx_commit", rs.getString(3));
            m.put("binlog_format", rs.getString(4));
            m.put("binlog_row_image", rs.getString(5));
            m.put("innodb_buffer_pool_size", rs.getLong(6) / (1024 * 1024) + "M");
        }
        return m;
    }

    private void stopBridge(BridgeReplication bridge, boolean exiting) {
        if (bridge == null) {
            return;
        }
        try {
            if (exiting) {
                bridge.closeRuntimes();
            } else {
                bridge.stop();
            }
        } catch (RuntimeException e) {
            out.println("  stopping the " + bridge.name() + " bridge: " + e.getMessage());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
        out.flush();
    }

    /**
     * Stops the bridge's runtimes, the Kafka broker and every server, removes the folder; safe to call twice.
     * When {@code exiting} (Ctrl-C), the servers' own shutdown hooks are killing them already, so the bridge's meta
     * schema is not dropped: it goes with the servers' folder.
     */
    private synchronized void cleanUp(boolean exiting) {
        stopBridge(hub, exiting);
        hub = null;
        stopBridge(sidecar, exiting);
        sidecar = null;
        if (servers != null) {
            servers.close();
            servers = null;
        }
        if (dir != null) {
            LocalMariaDb.deleteTree(dir);
            out.println("Stopped every server" + (options.skipSidecar() ? "" : " and the Kafka broker")
                    + " the bench started and removed " + dir);
            out.flush();
            dir = null;
        }
    }
}
