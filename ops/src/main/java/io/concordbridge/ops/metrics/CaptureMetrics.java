package io.concordbridge.ops.metrics;

import io.concordbridge.core.pipeline.PipelineStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The capture side, by leader, read from {@link PipelineStats} at scrape time: what was captured,
 * the echoes dropped, and how far the capture has read. Stateless after registration.
 */
final class CaptureMetrics {

    private final PipelineStats stats;
    private final List<String> leaders;
    private final Clock clock;

    CaptureMetrics(PipelineStats stats, List<String> leaders, Clock clock) {
        this.stats = stats;
        this.leaders = List.copyOf(leaders);
        this.clock = clock;
    }

    void register(PrometheusRegistry registry) {
        counter(registry, "concord_captured_changes_total",
                "Row changes captured at the leader and published to the other leaders (echoes excluded).",
                stats::captured);
        counter(registry, "concord_captured_transactions_total",
                "Transactions with at least one row change captured at the leader and published.",
                stats::capturedTransactions);
        counter(registry, "concord_transport_send_errors_total",
                "Publishes of the leader's transactions that the transport (Kafka) did not acknowledge; the capture "
                        + "restarts with backoff and resumes after what was published. A consumer that cannot reach "
                        + "Kafka retries inside the client: see concord_checkpoint_age_seconds and the apply lag.",
                stats::transportErrors);
        counter(registry, "concord_echoes_dropped_total",
                "Row changes the bridge applied at the leader that the capture there recognized as its own and dropped"
                        + " (counted from the apply transactions' checkpoint rows, the only rows of them the capture reads).",
                stats::echoesDropped);
        GaugeWithCallback.builder()
                .name("concord_capture_lag_seconds")
                .help("Now minus the origin commit time of the newest transaction the capture read at the leader; "
                        + "grows while the leader has no writes. Absent until the capture has read one.")
                .labelNames("leader")
                .callback(cb -> leaders.forEach(l -> {
                    long commit = stats.captureCommitMillis(l);
                    if (commit > 0) {
                        cb.call(Math.max(0, clock.millis() - commit) / 1000.0, l);
                    }
                }))
                .register(registry);
        position(registry, "concord_capture_binlog_file_number",
                "Sequence number of the binlog file the capture has read up to (binlog.000012 is 12).", true);
        position(registry, "concord_capture_binlog_position",
                "Byte offset in that binlog file the capture has read up to.", false);
    }

    private void counter(PrometheusRegistry registry, String name, String help, ToLongFunction<String> value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("leader")
                .callback(cb -> leaders.forEach(l -> cb.call(value.applyAsLong(l), l)))
                .register(registry);
    }

    private void position(PrometheusRegistry registry, String name, String help, boolean file) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("leader")
                .callback(cb -> leaders.forEach(l -> coordinates(l)
                        .ifPresent(c -> cb.call(file ? c.fileNumber() : c.offset(), l))))
                .register(registry);
    }

    private Optional<BinlogCoordinates> coordinates(String leader) {
        return stats.capturePosition(leader).flatMap(BinlogCoordinates::parse);
    }
}
