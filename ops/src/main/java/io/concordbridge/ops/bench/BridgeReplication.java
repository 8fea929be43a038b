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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bridge in this process among the leaders dc1..dc3 of a {@link LocalCluster}, run by one or
 * more {@link HubRuntime}s: one serving every leader ({@link HubReplication}) or one per leader
 * ({@link SidecarReplication}). Each {@link #start} writes a fresh config (a cluster name, state
 * folder and meta schema of that start alone, every tunable at its default) so it streams from the
 * leaders' current binlog positions; {@link #stop} removes the state and meta schema again, so no
 * run ever sees another's spool, topics or checkpoints. Used by one thread, except
 * {@link #appliedTransactions}, {@link #progress} and {@link #stop} (also called on Ctrl-C).
 */
abstract sealed class BridgeReplication implements Replication permits HubReplication, SidecarReplication {

    private static final long STREAMING_TIMEOUT_SECONDS = 120;

    private final LocalCluster cluster;
    private final Path dir;
    /** The runtime that serves each leader (its capture and the apply into it); null when stopped. */
    private final AtomicReference<Map<String, HubRuntime>> serving = new AtomicReference<>();
    private BridgeConfig config;
    private int starts;

    BridgeReplication(LocalCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    /** What the config adds to the leaders, tables, state folder and meta schema of {@code run}; null for nothing. */
    abstract String extraYaml(String run);

    /**
     * Starts the runtimes for {@code config} and returns which serves each leader; {@code started}
     * receives each one as soon as it runs, so a failure part-way still closes it.
     */
    abstract Map<String, HubRuntime> startRuntimes(BridgeConfig config, List<HubRuntime> started);

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
        String run = workload + "_" + starts;
        config = ConfigLoader.load(cluster.writeConfig(dir.resolve(name() + "-" + run + ".yaml"),
                "bench-" + name() + "-" + run.replace('_', '-'), tables, dir.resolve(name() + "-state-" + run),
                "concord_bench_" + name() + "_" + run, extraYaml(run)));
        List<HubRuntime> started = new ArrayList<>();
        try {
            serving.set(Map.copyOf(startRuntimes(config, started)));
        } catch (RuntimeException e) {
            try {
                started.forEach(HubRuntime::close);
                removeState();
            } catch (RuntimeException cleanUp) {
                e.addSuppressed(cleanUp);
            }
            throw e;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STREAMING_TIMEOUT_SECONDS);
        for (HubRuntime r : started) {
            if (!r.awaitStreaming(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                String s = state();
                stop();
                throw new IllegalStateException("the " + name() + " bridge did not stream from every leader within "
                        + STREAMING_TIMEOUT_SECONDS + " s: " + s);
            }
        }
    }

    @Override
    public long appliedTransactions(LocalMariaDb origin, LocalMariaDb target) {
        PipelineStats stats = stats(target);
        return stats == null ? 0 : stats.appliedTransactions(origin.name(), target.name());
    }

    /** Changes captured at the origin so far, beside what the targets applied: where a backlog sits. */
    @Override
    public String progress(LocalMariaDb origin) {
        PipelineStats stats = stats(origin);
        return stats == null ? "" : String.format("; captured %,d changes at %s", stats.captured(origin.name()), origin.name());
    }

    @Override
    public String describeRun(LocalMariaDb origin) {
        List<String> parts = new ArrayList<>();
        for (LocalMariaDb t : targetsOf(origin)) {
            PipelineStats stats = stats(t);
            long txs = stats == null ? 0 : stats.appliedTransactions(origin.name(), t.name());
            long batches = stats == null ? 0 : stats.batches(t.name());
            parts.add(String.format("%s applied %,d origin txs in %,d target txs (%.1f per target tx)", t.name(), txs,
                    batches, batches == 0 ? 0.0 : txs / (double) batches));
        }
        return String.join("; ", parts);
    }

    @Override
    public String state() {
        if (serving.get() == null) {
            return "not running";
        }
        List<String> parts = new ArrayList<>();
        for (LocalMariaDb s : servers()) {
            String n = s.name();
            PipelineStats stats = stats(s);
            parts.add(stats == null ? n + ": not running" : n + ": capture " + stats.captureState(n)
                    + stats.lastCaptureError(n).map(e -> " (" + e + ")").orElse("") + ", apply "
                    + stats.applyState(n) + stats.lastApplyError(n).map(e -> " (" + e + ")").orElse(""));
        }
        return String.join("; ", parts);
    }

    /** Closes every runtime (each finishes its batch in flight), then drops the meta schema and the state folder. */
    @Override
    public void stop() {
        if (serving.get() == null) {
            return;
        }
        RuntimeException failure = null;
        try {
            closeRuntimes();
        } catch (RuntimeException e) {
            failure = e;
        }
        removeState();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every runtime and leaves the meta schema and state folder: on exit, when the servers go anyway. */
    void closeRuntimes() {
        Map<String, HubRuntime> running = serving.getAndSet(null);
        if (running == null) {
            return;
        }
        RuntimeException failure = null;
        for (HubRuntime r : new LinkedHashSet<>(running.values())) {
            try {
                r.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
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

    BridgeConfig config() {
        return config;
    }

    private PipelineStats stats(LocalMariaDb leader) {
        Map<String, HubRuntime> running = serving.get();
        HubRuntime r = running == null ? null : running.get(leader.name());
        return r == null ? null : r.stats();
    }

    private void removeState() {
        try {
            BenchSchema.dropDatabase(servers(), config.metaSchema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the " + name() + " bridge's meta schema " + config.metaSchema()
                    + ": " + e.getMessage(), e);
        } finally {
            LocalMariaDb.deleteTree(config.stateDir());
        }
    }
}
