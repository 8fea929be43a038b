package io.concordbridge.ops.http;

import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {

    private final PipelineStats stats = new PipelineStats();
    private final Readiness readiness = new Readiness(List.of("dc1", "dc2"), stats, 1_000);

    private void allRunning() {
        for (String l : List.of("dc1", "dc2")) {
            stats.captureState(l, LeaderState.RUNNING, null);
            stats.applyState(l, LeaderState.RUNNING, null);
        }
    }

    @Test
    void readyWhenEveryCaptureAndApplyRunsAndNothingIsLate() {
        allRunning();

        assertThat(readiness.check()).isEmpty();
    }

    @Test
    void namesEachLeaderAndRoleThatIsNotRunning() {
        allRunning();
        stats.captureState("dc2", LeaderState.DOWN, "connection refused");
        stats.applyState("dc2", LeaderState.DOWN, "connection refused");

        assertThat(readiness.check()).extracting(Readiness.NotReady::reason)
                .containsExactly("capture of dc2 is DOWN", "apply of dc2 is DOWN");
    }

    @Test
    void beforeStartingEveryLeaderIsNamed() {
        assertThat(readiness.check()).extracting(Readiness.NotReady::leader)
                .containsExactly("dc1", "dc1", "dc2", "dc2");
    }

    @Test
    void aPairStillCatchingUpWithALagOverTheLimitIsLate() {
        allRunning();
        stats.applied("dc1", "dc2", 1, 1, 5_000);
        stats.applied("dc2", "dc1", 1, 1, 999);

        assertThat(readiness.check()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo("dc1");
            assertThat(p.target()).isEqualTo("dc2");
            assertThat(p.lagMs()).isEqualTo(5_000);
            assertThat(p.reason()).isEqualTo("dc1->dc2 applied with lag 5000 ms (max 1000 ms)");
        });
    }

    @Test
    void aLaneThatAppliedEverythingIsNotLateWhateverItsLastLag() {
        allRunning();
        stats.applied("dc1", "dc2", 1, 1, 5_000);
        stats.applyCaughtUp("dc2", true);

        assertThat(readiness.check()).isEmpty();
    }

    @Test
    void aSidecarIsReadyOnItsOwnLeaderAndThePairsIntoIt() {
        Readiness sidecar = new Readiness(List.of("dc1", "dc2", "dc3"), List.of("dc2"), stats, 1_000);
        stats.captureState("dc2", LeaderState.RUNNING, null);
        stats.applyState("dc2", LeaderState.RUNNING, null);
        stats.captureState("dc1", LeaderState.DOWN, "served by another sidecar");

        assertThat(sidecar.check()).isEmpty();
        assertThat(sidecar.leaders()).containsExactly("dc2");

        stats.applyCaughtUp("dc2", false);
        stats.applied("dc3", "dc2", 1, 1, 5_000);
        stats.applied("dc2", "dc1", 1, 1, 9_000);
        assertThat(sidecar.check()).extracting(Readiness.NotReady::reason)
                .containsExactly("dc3->dc2 applied with lag 5000 ms (max 1000 ms)");
    }
}
