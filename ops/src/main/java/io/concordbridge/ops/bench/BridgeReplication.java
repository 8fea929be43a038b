package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.core.pipeline.PipelineStats;
import io.concordbridge.ops.demo.LocalCluster;
import io.concordbridge.ops.runtime.HubRuntime;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bridge in hub mode, in this process, among the leaders dc1..dc3 of a {@link LocalCluster}.
 * Each {@link #start} writes a fresh config (a state folder and meta schema of that start alone, every
 * tunable at its default) so it streams from the leaders' current binlog positions; {@link #stop}
 * removes both again, so no run ever sees another's spool or checkpoints. Used by one
 * thread, except {@link #appliedTransactions}, {@link #progress} and {@link #stop} (also called on Ctrl-C).
 */
final class BridgeReplication implements Replication {

    private static final long STREAMING_TIMEOUT_SECONDS = 120;

    private final LocalCluster cluster;
    private final Path dir;
    private final AtomicReference<HubRuntime> runtime = new AtomicReference<>();
    private BridgeConfig config;
    private int starts;

    BridgeReplication(LocalCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public List<LocalMariaDb> servers() {
        return List.copyOf(cluster.leaders().values());
    }

    @Override
    public List<LocalMariaDb> origins() {
        return servers();
    }

    @Override
    public List<LocalMariaDb> targetsOf(LocalMariaDb origin) {
        return servers().stream().filter(s -> s != origin).toList();
    }

    @Override
    public void start(String workload, List<String> tables) throws InterruptedException {
        starts++;
        config = ConfigLoader.load(writeConfig(workload + "_" + starts, tables));
        HubRuntime started = HubRuntime.start(config);
        runtime.set(started);
        if (!started.awaitStreaming(STREAMING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            String s = state();
            stop();
            throw new IllegalStateException("the bridge did not stream from every leader within "
                    + STREAMING_TIMEOUT_SECONDS + " s: " + s);
        }
    }

    @Override
    public long appliedTransactions(LocalMariaDb origin, LocalMariaDb target) {
        HubRuntime r = runtime.get();
        return r == null ? 0 : r.stats().appliedTransactions(origin.name(), target.name());
    }

    /** Changes captured at the origin so far, beside what the targets applied: where a backlog sits. */
    @Override
    public String progress(LocalMariaDb origin) {
        HubRuntime r = runtime.get();
        return r == null ? "" : String.format("; captured %,d changes at %s", r.stats().captured(origin.name()), origin.name());
    }

    @Override
    public String describeRun(LocalMariaDb origin) {
        PipelineStats stats = runtime.get().stats();
        List<String> parts = new ArrayList<>();
        for (LocalMariaDb t : targetsOf(origin)) {
            long txs = stats.appliedTransactions(origin.name(), t.name());
            long batches = stats.batches(t.name());
            parts.add(String.format("%s applied %,d origin txs in %,d target txs (%.1f per target tx)", t.name(), txs,
                    batches, batches == 0 ? 0.0 : txs / (double) batches));
        }
        return String.join("; ", parts);
    }

    @Override
    public String state() {
        HubRuntime r = runtime.get();
        if (r == null) {
            return "not running";
        }
        PipelineStats stats = r.stats();
        List<String> parts = new ArrayList<>();
        for (LocalMariaDb s : servers()) {
            String n = s.name();
            parts.add(n + ": capture " + stats.captureState(n) + stats.lastCaptureError(n).map(e -> " (" + e + ")").orElse("")
                    + ", apply " + stats.applyState(n) + stats.lastApplyError(n).map(e -> " (" + e + ")").orElse(""));
        }
        return String.join("; ", parts);
    }

    @Override
    public void stop() {
        HubRuntime r = runtime.getAndSet(null);
        if (r == null) {
            return;
        }
        r.close();
        try {
            BenchSchema.dropDatabase(servers(), config.metaSchema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the bridge's meta schema " + config.metaSchema() + ": "
                    + e.getMessage(), e);
        }
        LocalMariaDb.deleteTree(config.stateDir());
    }

    /** The tunables in effect, as config keys (the bench sets none: these are the defaults). */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        if (config == null) {
            return m;
        }
        m.put("apply.max-batch-changes", Integer.toString(config.apply().maxBatchChanges()));
        m.put("capture.poll-interval-ms", Integer.toString(config.capture().pollIntervalMs()));
        m.put("capture.max-batch-size", Integer.toString(config.capture().maxBatchSize()));
        m.put("capture.max-queue-size", Integer.toString(config.capture().maxQueueSize()));
        return m;
    }

    private Path writeConfig(String run, List<String> tables) {
        return cluster.writeConfig(dir.resolve("bridge-" + run + ".yaml"), "bench-" + run.replace('_', '-'), tables,
                dir.resolve("state-" + run), "concord_bench_" + run, null);
    }
}
