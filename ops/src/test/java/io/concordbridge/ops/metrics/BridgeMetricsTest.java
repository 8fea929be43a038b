package io.concordbridge.ops.metrics;

import io.concordbridge.core.pipeline.ApplyTarget;
import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeMetricsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final PipelineStats stats = new PipelineStats();
    private final MutableClock clock = new MutableClock(T0);
    private final PrometheusRegistry registry = new PrometheusRegistry();

    BridgeMetricsTest() {
        BridgeMetrics.register(registry, stats, List.of("dc1", "dc2", "dc3"), clock);
    }

    @Test
    void countersReadThePipelineStatsByLeaderAndPair() throws IOException {
        stats.captured("dc1", 2, 7);
        stats.echoesDropped("dc2", 4);
        stats.applied("dc1", "dc2", 2, 7, 15);

        Samples s = scrape();

        assertThat(s.value("concord_captured_changes_total", "leader", "dc1")).isEqualTo(7);
        assertThat(s.value("concord_captured_transactions_total", "leader", "dc1")).isEqualTo(2);
        assertThat(s.value("concord_captured_changes_total", "leader", "dc3")).isZero();
        assertThat(s.value("concord_echoes_dropped_total", "leader", "dc2")).isEqualTo(4);
        assertThat(s.value("concord_applied_changes_total", "origin", "dc1", "target", "dc2")).isEqualTo(7);
        assertThat(s.value("concord_applied_transactions_total", "origin", "dc1", "target", "dc2")).isEqualTo(2);
        assertThat(s.value("concord_applied_changes_total", "origin", "dc2", "target", "dc1")).isZero();
        assertThat(s.find("concord_applied_changes_total", "origin", "dc1", "target", "dc1")).isEmpty();
    }

    @Test
    void retriesCountPerTargetAndWhy() throws IOException {
        stats.retried("dc2", ApplyTarget.Retry.REREAD);
        stats.retried("dc2", ApplyTarget.Retry.REREAD);
        stats.retried("dc2", ApplyTarget.Retry.LOCK_CONFLICT);
        stats.retried("dc3", ApplyTarget.Retry.CHANGE_BY_CHANGE);

        Samples s = scrape();

        assertThat(s.value("concord_apply_retries_total", "target", "dc2", "retry", "reread")).isEqualTo(2);
        assertThat(s.value("concord_apply_retries_total", "target", "dc2", "retry", "lock_conflict")).isEqualTo(1);
        assertThat(s.value("concord_apply_retries_total", "target", "dc2", "retry", "change_by_change")).isZero();
        assertThat(s.value("concord_apply_retries_total", "target", "dc3", "retry", "change_by_change")).isEqualTo(1);
        assertThat(s.value("concord_apply_retries_total", "target", "dc1", "retry", "reread")).isZero();
    }

    @Test
    void eachAppliedTransactionIsOneLagObservationAndEachBatchOneSizeObservation() throws IOException {
        stats.transactionApplied("dc1", "dc2", 3, 40);
        stats.transactionApplied("dc1", "dc2", 1, 2_000);
        stats.batchApplied("dc2", 4);

        Samples s = scrape();

        assertThat(s.value("concord_apply_lag_seconds_count", "origin", "dc1", "target", "dc2")).isEqualTo(2);
        assertThat(s.value("concord_apply_lag_seconds_sum", "origin", "dc1", "target", "dc2")).isEqualTo(2.04);
        assertThat(s.value("concord_apply_lag_seconds_bucket", "origin", "dc1", "target", "dc2", "le", "0.05"))
                .isEqualTo(1);
        assertThat(s.value("concord_apply_lag_seconds_bucket", "origin", "dc1", "target", "dc2", "le", "2.5"))
                .isEqualTo(2);
        assertThat(s.value("concord_apply_lag_seconds_count", "origin", "dc3", "target", "dc1"))
                .as("every pair's series exists before its first apply").isZero();
        assertThat(s.value("concord_apply_batch_changes_count", "target", "dc2")).isEqualTo(1);
        assertThat(s.value("concord_apply_batch_changes_sum", "target", "dc2")).isEqualTo(4);
        assertThat(s.value("concord_apply_batches_total", "target", "dc2")).isEqualTo(1);
    }

    @Test
    void checkpointAgeCountsFromStartThenFromTheLastAdvance() throws IOException {
        clock.advance(90_000);
        stats.checkpointAdvanced("dc1", "dc2", clock.millis() - 5_000);

        Samples s = scrape();

        assertThat(s.value("concord_checkpoint_age_seconds", "origin", "dc1", "target", "dc2")).isEqualTo(5);
        assertThat(s.value("concord_checkpoint_age_seconds", "origin", "dc2", "target", "dc1")).isEqualTo(90);
    }

    @Test
    void captureLagAndBinlogCoordinatesAppearOnceTheCaptureHasReadATransaction() throws IOException {
        assertThat(scrape().find("concord_capture_lag_seconds", "leader", "dc1")).isEmpty();

        stats.capturePosition("dc1", "mariadb-bin.000012:4711", clock.millis() - 1_500);
        Samples s = scrape();

        assertThat(s.value("concord_capture_lag_seconds", "leader", "dc1")).isEqualTo(1.5);
        assertThat(s.value("concord_capture_binlog_file_number", "leader", "dc1")).isEqualTo(12);
        assertThat(s.value("concord_capture_binlog_position", "leader", "dc1")).isEqualTo(4711);
        assertThat(s.find("concord_capture_lag_seconds", "leader", "dc2")).isEmpty();
    }

    @Test
    void aLeaderIsUpPerRoleOnlyWhileRunning() throws IOException {
        stats.captureState("dc1", LeaderState.RUNNING, null);
        stats.applyState("dc1", LeaderState.DOWN, "connection refused");

        Samples s = scrape();

        assertThat(s.value("concord_leader_up", "leader", "dc1", "role", "capture")).isEqualTo(1);
        assertThat(s.value("concord_leader_up", "leader", "dc1", "role", "apply")).isZero();
        assertThat(s.value("concord_leader_up", "leader", "dc2", "role", "capture")).as("starting").isZero();
    }

    @Test
    void everyMetricIsNamedConcordAndHasHelpAndBoundedLabels() {
        stats.capturePosition("dc1", "binlog.000001:4", clock.millis());
        for (MetricCatalog.Entry e : MetricCatalog.of(registry).entries()) {
            assertThat(e.name()).startsWith("concord_");
            assertThat(e.help()).as(e.name()).isNotBlank();
            assertThat(e.labels()).as(e.name()).isSubsetOf("leader", "origin", "target", "table", "type", "outcome",
                    "role", "retry");
        }
    }

    @Test
    void aSidecarExportsItsOwnLeaderAndOnlyThePairsIntoIt() throws IOException {
        PrometheusRegistry sidecar = new PrometheusRegistry();
        BridgeMetrics.register(sidecar, stats, List.of("dc1", "dc2", "dc3"), List.of("dc2"), clock);
        stats.applied("dc1", "dc2", 1, 3, 10);

        Samples s = scrape(sidecar);

        assertThat(s.value("concord_applied_changes_total", "origin", "dc1", "target", "dc2")).isEqualTo(3);
        assertThat(s.find("concord_applied_changes_total", "origin", "dc3", "target", "dc2")).isPresent();
        assertThat(s.find("concord_applied_changes_total", "origin", "dc2", "target", "dc1")).isEmpty();
        assertThat(s.find("concord_captured_changes_total", "leader", "dc2")).isPresent();
        assertThat(s.find("concord_captured_changes_total", "leader", "dc1")).isEmpty();
        assertThat(s.find("concord_leader_up", "leader", "dc2", "role", "apply")).isPresent();
        assertThat(s.find("concord_leader_up", "leader", "dc3", "role", "capture")).isEmpty();
        assertThat(s.find("concord_apply_batch_changes_count", "target", "dc1")).isEmpty();
    }

    private Samples scrape() throws IOException {
        return scrape(registry);
    }

    private static Samples scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return Samples.parse(out.toString(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(Instant start) {
            this.millis = start.toEpochMilli();
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
