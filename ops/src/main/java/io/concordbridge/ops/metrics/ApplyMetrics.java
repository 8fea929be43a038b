package io.concordbridge.ops.metrics;

import io.concordbridge.core.pipeline.ApplyObserver;
import io.concordbridge.core.pipeline.ApplyTarget;
import io.concordbridge.core.pipeline.PipelineStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The apply side, by origin→target pair and by target: totals read from {@link PipelineStats} at
 * scrape time, and distributions of lag and batch size observed as each apply commits. The
 * histograms start with every pair's series at zero so dashboards see them before the first
 * write. Thread-safe.
 */
final class ApplyMetrics implements ApplyObserver {

    static final double[] LAG_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
            600, 1800, 3600};
    static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000};

    private final PipelineStats stats;
    private final List<String> leaders;
    private final List<String[]> pairs = new ArrayList<>();
    private final Clock clock;
    private final long startMillis;
    private final Histogram lag;
    private final Histogram batchChanges;

    /** Metrics of the pairs from any of {@code leaders} into one of {@code targets} (all in hub mode, one in sidecar mode). */
    ApplyMetrics(PipelineStats stats, List<String> leaders, List<String> targets, Clock clock) {
        this.stats = stats;
        this.leaders = List.copyOf(targets);
        this.clock = clock;
        this.startMillis = clock.millis();
        for (String origin : leaders) {
            for (String target : targets) {
                if (!origin.equals(target)) {
                    pairs.add(new String[]{origin, target});
                }
            }
        }
        lag = Histogram.builder()
                .name("concord_apply_lag_seconds")
                .help("Per applied origin transaction: the time it was committed at the target minus the later of "
                        + "its origin commit time and its capture time (binlog commit times are whole seconds).")
                .labelNames("origin", "target")
                .classicOnly()
                .classicUpperBounds(LAG_BUCKETS)
                .withoutExemplars()
                .build();
        batchChanges = Histogram.builder()
                .name("concord_apply_batch_changes")
                .help("Row changes per apply batch (one target transaction of whole origin transactions); a batch "
                        + "that only advances checkpoints counts 0.")
                .labelNames("target")
                .classicOnly()
                .classicUpperBounds(BATCH_BUCKETS)
                .withoutExemplars()
                .build();
        pairs.forEach(p -> lag.initLabelValues(p));
        targets.forEach(batchChanges::initLabelValues);
    }

    void register(PrometheusRegistry registry) {
        pairCounter(registry, "concord_applied_changes_total",
                "Row changes of the origin applied at the target.", true);
        pairCounter(registry, "concord_applied_transactions_total",
                "Origin transactions with at least one row change applied at the target.", false);
        CounterWithCallback.builder()
                .name("concord_apply_batches_total")
                .help("Apply batches committed at the target; each is one target transaction that also advances "
                        + "the checkpoints.")
                .labelNames("target")
                .callback(cb -> leaders.forEach(t -> cb.call(stats.batches(t), t)))
                .register(registry);
        CounterWithCallback.builder()
                .name("concord_apply_capture_holds_total")
                .help("Times an apply held the rows of a batch locked, waiting for the target's own capture to "
                        + "record the local writes before them (a change met a row that a local write not recorded "
                        + "yet may have changed); outcome ran_out: the capture stood still 3 s (or 30 s went by) and the lane "
                        + "let go.")
                .labelNames("target", "outcome")
                .callback(cb -> leaders.forEach(t -> {
                    long ranOut = stats.captureHolds(t, true);
                    cb.call(stats.captureHolds(t, false) - ranOut, t, "passed");
                    cb.call(ranOut, t, "ran_out");
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name("concord_apply_retries_total")
                .help("Apply batches at the target rolled back and made again, by why: lock_conflict, a deadlock or lock "
                        + "wait timeout with another lane or the application; reread, a key the batch took as new without "
                        + "reading it had a row or a stored version (a delete's tombstone, or a local insert the "
                        + "capture had not recorded yet), so every row is read; change_by_change, a row statement hit a "
                        + "unique index, so each change goes behind a savepoint.")
                .labelNames("target", "retry")
                .callback(cb -> leaders.forEach(t -> {
                    for (ApplyTarget.Retry why : ApplyTarget.Retry.values()) {
                        cb.call(stats.retries(t, why), t, why.label());
                    }
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name("concord_apply_capture_hold_seconds_total")
                .help("Time applies at the target held rows locked waiting for its own capture; application "
                        + "writes to those rows waited as long.")
                .labelNames("target")
                .callback(cb -> leaders.forEach(t -> cb.call(stats.captureHoldSeconds(t), t)))
                .register(registry);
        registry.register(batchChanges);
        registry.register(lag);
        GaugeWithCallback.builder()
                .name("concord_checkpoint_age_seconds")
                .help("Time since the origin's checkpoint at the target last advanced (an applied batch holding "
                        + "the origin's transactions), or since the bridge started; grows while the origin is idle.")
                .labelNames("origin", "target")
                .callback(cb -> pairs.forEach(p -> cb.call(checkpointAgeSeconds(p[0], p[1]), p)))
                .register(registry);
    }

    @Override
    public void transactionApplied(String origin, String target, int changes, long lagMillis) {
        lag.labelValues(origin, target).observe(lagMillis / 1000.0);
    }

    @Override
    public void batchApplied(String target, int changes) {
        batchChanges.labelValues(target).observe(changes);
    }

    private void pairCounter(PrometheusRegistry registry, String name, String help, boolean changes) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("origin", "target")
                .callback(cb -> pairs.forEach(p -> cb.call(changes ? stats.applied(p[0], p[1])
                        : stats.appliedTransactions(p[0], p[1]), p)))
                .register(registry);
    }

    private double checkpointAgeSeconds(String origin, String target) {
        long last = Math.max(startMillis, stats.lastCheckpointMillis(origin, target));
        return Math.max(0, clock.millis() - last) / 1000.0;
    }

    @Override
    public String toString() {
        return "prometheus apply metrics";
    }
}
