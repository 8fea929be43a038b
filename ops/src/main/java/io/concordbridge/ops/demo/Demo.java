package io.concordbridge.ops.demo;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.connectors.verify.VerifyReport;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.core.pipeline.PipelineStats;
import io.concordbridge.ops.runtime.HubRuntime;
import io.concordbridge.ops.runtime.Verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bridge demo}: three throwaway leaders, the bridge in hub mode, writes everywhere, one
 * leader offline for a while, catch-up, verify. Prints what happens as it goes.
 */
public final class Demo {

    private static final List<String> TABLES = List.of("shop.items", "shop.orders");

    private final Path dir;
    private final PrintStream out;
    private LocalCluster cluster;
    private HubRuntime runtime;
    private BridgeConfig config;

    public Demo(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public BridgeConfig config() {
        return config;
    }

    /** Runs every step; returns true when verify found the leaders identical. */
    public boolean run() throws Exception {
        LocalMariaDb.findProgram("mariadbd");
        step("Starting three throwaway MariaDB leaders dc1, dc2, dc3 under " + dir);
        cluster = LocalCluster.start(dir, 3, List.of());
        cluster.leaders().values().forEach(db -> out.println("  " + db.name() + ": 127.0.0.1:" + db.port()
                + " (server id " + db.serverId() + ")"));
        cluster.executeEverywhere(DemoWorkload.SCHEMA);
        Path configFile = cluster.writeConfig("shop", TABLES, "");
        config = ConfigLoader.load(configFile);
        out.println("  sample schema shop.items and shop.orders created on every leader; config " + configFile);

        step("Starting the bridge in hub mode");
        runtime = HubRuntime.start(config);
        if (!runtime.awaitStreaming(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the bridge did not start streaming from every leader within 120 s");
        }
        out.println("  capturing dc1, dc2, dc3; applying to each from the other two");

        step("Writing on every leader at once");
        writeEverywhere(List.of("dc1", "dc2", "dc3"), 0, 200);
        awaitConverged(List.of("dc1", "dc2", "dc3"));

        step("Taking dc3 offline (an offline site); dc1 and dc2 keep taking writes");
        cluster.leader("dc3").stop();
        out.println("  dc3 stopped");
        writeEverywhere(List.of("dc1", "dc2"), 1, 300);
        awaitConverged(List.of("dc1", "dc2"));
        out.println("  dc3 has been offline for a while; the others replicate as usual");
        writeEverywhere(List.of("dc1", "dc2"), 2, 100);
        awaitConverged(List.of("dc1", "dc2"));

        step("Bringing dc3 back: it catches up from its checkpoints");
        cluster.leader("dc3").restart();
        out.println("  dc3 running again on 127.0.0.1:" + cluster.leader("dc3").port());
        awaitConverged(List.of("dc1", "dc2", "dc3"));

        step("Making conflicts on purpose: dc1 and dc2 change the same items at the same moment");
        DemoConflicts conflicts = new DemoConflicts(cluster, config.metaSchema(), out);
        conflicts.write(5);
        awaitConverged(List.of("dc1", "dc2", "dc3"));
        conflicts.awaitIdenticalRows(config);
        conflicts.print();

        step("Verifying: every replicated table, row by row, on every leader");
        VerifyReport report = Verify.run(config, out);
        out.println(report.describe());
        out.println(report.identical() ? "All leaders are identical." : "The leaders differ!");
        return report.identical();
    }

    /** Prints how to reach each leader, for {@code --keep}. */
    public void printConnectionHelp() {
        step("Left running (Ctrl-C stops everything and removes " + dir + ")");
        cluster.leaders().values().forEach(db -> out.println("  " + db.name() + ": mariadb -h 127.0.0.1 -P "
                + db.port() + " -u root shop"));
        out.println("  config: " + cluster.dir().resolve("bridge.yaml"));
        out.println("  try: ./bridge verify --config " + cluster.dir().resolve("bridge.yaml"));
    }

    /** Stops the bridge and every leader; removes the files unless {@code keepFiles}. */
    public void shutdown(boolean keepFiles) {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        if (cluster != null) {
            cluster.close(!keepFiles);
            cluster = null;
        }
    }

    private void writeEverywhere(List<String> names, int round, int items) throws Exception {
        List<Thread> writers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (String name : names) {
            LocalMariaDb db = cluster.leader(name);
            int number = Integer.parseInt(name.substring(2));
            Thread t = new Thread(() -> {
                try {
                    DemoWorkload.write(db, number, round, items);
                } catch (SQLException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "demo-writer-" + name);
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a demo write failed: " + errors.get(0).getMessage(), errors.get(0));
        }
        out.println("  " + String.join(", ", names) + ": each inserted " + items + " items and " + items
                + " orders (transactions of 10), updated every third item, deleted every tenth order");
    }

    private void awaitConverged(List<String> names) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        long lastPrint = 0;
        while (System.currentTimeMillis() < deadline) {
            if (equalCounts(names)) {
                printStatus();
                out.println("  converged: " + String.join(", ", names) + " hold the same rows");
                return;
            }
            if (System.currentTimeMillis() - lastPrint >= 1000) {
                printStatus();
                lastPrint = System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("leaders " + names + " did not converge within 120 s");
    }

    private boolean equalCounts(List<String> names) {
        long[] first = DemoWorkload.counts(cluster.leader(names.get(0)));
        for (String n : names) {
            long[] c = DemoWorkload.counts(cluster.leader(n));
            if (c[0] < 0 || !Arrays.equals(first, c)) {
                return false;
            }
        }
        return true;
    }

    /** One line per leader: its row counts, what the bridge applied there and the newest apply lag. */
    private void printStatus() {
        PipelineStats stats = runtime.stats();
        for (String n : cluster.leaders().keySet()) {
            long[] c = DemoWorkload.counts(cluster.leader(n));
            long applied = 0;
            long lag = 0;
            for (String origin : cluster.leaders().keySet()) {
                if (!origin.equals(n)) {
                    applied += stats.applied(origin, n);
                    lag = Math.max(lag, stats.lastLagMillis(origin, n));
                }
            }
            out.println(c[0] < 0
                    ? String.format("  %-4s DOWN (changes for it wait in the bridge's log)", n)
                    : String.format("  %-4s items=%-5d orders=%-5d captured=%-6d applied=%-6d lag=%d ms", n, c[0], c[1],
                    stats.captured(n), applied, lag));
        }
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }

}
