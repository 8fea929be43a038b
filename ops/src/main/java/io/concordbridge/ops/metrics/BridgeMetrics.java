package io.concordbridge.ops.metrics;

import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Clock;
import java.util.List;

/**
 * The bridge's Prometheus metrics: every name starts with {@code concord_} and every label is
 * bounded (leader, origin, target, role), never a key, value or position. Most are read from
 * {@link PipelineStats} when scraped; the histograms hear each apply through an
 * {@link io.concordbridge.core.pipeline.ApplyObserver}. docs/metrics.md is generated from what
 * {@link #register} puts in a registry ({@link MetricsReference}). Stateless.
 */
public final class BridgeMetrics {

    private BridgeMetrics() {
    }

    /** Registers the bridge's metrics for {@code leaders} in {@code registry} and starts observing applies. */
    public static void register(PrometheusRegistry registry, PipelineStats stats, List<String> leaders, Clock clock) {
        register(registry, stats, leaders, leaders, clock);
    }

    /** Like {@link #register(PrometheusRegistry, PipelineStats, List, Clock)} for the {@code served} leaders only (sidecar mode). */
    public static void register(PrometheusRegistry registry, PipelineStats stats, List<String> leaders,
                                List<String> served, Clock clock) {
        new CaptureMetrics(stats, served, clock).register(registry);
        ApplyMetrics apply = new ApplyMetrics(stats, leaders, served, clock);
        apply.register(registry);
        stats.addObserver(apply);
        GaugeWithCallback.builder()
                .name("concord_leader_up")
                .help("1 while the leader's capture (role=capture) or the apply into it (role=apply) is RUNNING; "
                        + "0 while starting, down and retrying, or stopped.")
                .labelNames("leader", "role")
                .callback(cb -> served.forEach(l -> {
                    cb.call(up(stats.captureState(l)), l, "capture");
                    cb.call(up(stats.applyState(l)), l, "apply");
                }))
                .register(registry);
    }

    /** The bridge's metrics and the JVM and process metrics of client_java ({@code jvm_*}, {@code process_*}). */
    public static void registerAll(PrometheusRegistry registry, PipelineStats stats, List<String> leaders,
                                   Clock clock) {
        registerAll(registry, stats, leaders, leaders, clock);
    }

    /** The bridge's metrics of the {@code served} leaders, and the JVM and process metrics. */
    public static void registerAll(PrometheusRegistry registry, PipelineStats stats, List<String> leaders,
                                   List<String> served, Clock clock) {
        register(registry, stats, leaders, served, clock);
        JvmMetrics.builder().register(registry);
    }

    private static double up(LeaderState state) {
        return state == LeaderState.RUNNING ? 1 : 0;
    }
}
