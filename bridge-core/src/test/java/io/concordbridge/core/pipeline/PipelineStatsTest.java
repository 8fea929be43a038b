package io.concordbridge.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineStatsTest {

    @Test
    void everyObserverHearsEachApplyEvenAfterOneThrows() {
        PipelineStats stats = new PipelineStats();
        List<String> heard = new ArrayList<>();
        stats.addObserver(new ApplyObserver() {
            @Override
            public void transactionApplied(String origin, String target, int changes, long lagMillis) {
                throw new IllegalStateException("broken observer");
            }

            @Override
            public void batchApplied(String target, int changes) {
                throw new IllegalStateException("broken observer");
            }
        });
        stats.addObserver(new ApplyObserver() {
            @Override
            public void transactionApplied(String origin, String target, int changes, long lagMillis) {
                heard.add("tx " + origin + "->" + target + " " + changes + " " + lagMillis);
            }

            @Override
            public void batchApplied(String target, int changes) {
                heard.add("batch " + target + " " + changes);
            }
        });

        stats.transactionApplied("dc1", "dc2", 3, 40);
        stats.batchApplied("dc2", 3);

        assertThat(heard).containsExactly("tx dc1->dc2 3 40", "batch dc2 3");
        assertThat(stats.batches("dc2")).isEqualTo(1);
    }

    @Test
    void checkpointTimesAndCatchUpAreKeptPerPairAndTarget() {
        PipelineStats stats = new PipelineStats();

        assertThat(stats.lastCheckpointMillis("dc1", "dc2")).isZero();
        assertThat(stats.applyCaughtUp("dc2")).isFalse();

        stats.checkpointAdvanced("dc1", "dc2", 1_000);
        stats.applyCaughtUp("dc2", true);

        assertThat(stats.lastCheckpointMillis("dc1", "dc2")).isEqualTo(1_000);
        assertThat(stats.lastCheckpointMillis("dc2", "dc1")).isZero();
        assertThat(stats.applyCaughtUp("dc2")).isTrue();
        assertThat(stats.applyCaughtUp("dc1")).isFalse();
    }

    @Test
    void aTargetWithSeveralLanesIsCaughtUpWhenEveryLaneIsAndDownWhenOneIs() {
        PipelineStats stats = new PipelineStats();

        stats.applyState("dc3", "dc1", LeaderState.RUNNING, null);
        stats.applyState("dc3", "dc2", LeaderState.RUNNING, null);
        stats.applyCaughtUp("dc3", "dc1", true);
        stats.applyCaughtUp("dc3", "dc2", false);

        assertThat(stats.applyState("dc3")).isEqualTo(LeaderState.RUNNING);
        assertThat(stats.applyCaughtUp("dc3")).isFalse();

        stats.applyCaughtUp("dc3", "dc2", true);
        stats.applyState("dc3", "dc2", LeaderState.DOWN, "connection refused");

        assertThat(stats.applyCaughtUp("dc3")).isTrue();
        assertThat(stats.applyState("dc3")).isEqualTo(LeaderState.DOWN);
        assertThat(stats.lastApplyError("dc3")).contains("connection refused");

        stats.applyState("dc3", "dc1", LeaderState.STOPPED, null);
        stats.applyState("dc3", "dc2", LeaderState.STOPPED, null);

        assertThat(stats.applyState("dc3")).isEqualTo(LeaderState.STOPPED);
    }

    @Test
    void holdsForTheCaptureAreCountedPerTargetWithThoseThatRanOutAndTheTimeHeld() {
        PipelineStats stats = new PipelineStats();
        stats.captureHeld("dc2", 40_000_000L, true);
        stats.captureHeld("dc2", 3_000_000_000L, false);
        stats.captureHeld("dc3", 10_000_000L, true);
        assertThat(stats.captureHolds("dc2", false)).isEqualTo(2);
        assertThat(stats.captureHolds("dc2", true)).isEqualTo(1);
        assertThat(stats.captureHoldSeconds("dc2")).isEqualTo(3.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.captureHolds("dc3", true)).isZero();
        assertThat(stats.captureHolds("dc1", false)).isZero();
    }
}
