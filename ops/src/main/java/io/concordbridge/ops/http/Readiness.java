package io.concordbridge.ops.http;

import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the bridge is ready: every leader's capture and apply are RUNNING, and no origin→target
 * pair is late. A pair is late when its target's lane still has work and the newest batch applied
 * for the pair had a lag above the limit; a lane that has applied everything is never late, so an
 * idle pair does not stay late after a catch-up. Reads {@link PipelineStats}; thread-safe.
 */
public final class Readiness {

    /** One thing that is not ready: a leader's capture or apply, or a late pair. */
    public record NotReady(String leader, String role, String state, String origin, String target, long lagMs,
                           String reason) {

        static NotReady side(String leader, String role, LeaderState state) {
            return new NotReady(leader, role, state.name(), null, null, 0,
                    role + " of " + leader + " is " + state);
        }

        static NotReady late(String origin, String target, long lagMs, long maxLagMs) {
            return new NotReady(null, null, null, origin, target, lagMs,
                    origin + "->" + target + " applied with lag " + lagMs + " ms (max " + maxLagMs + " ms)");
        }
    }

    private final List<String> leaders;
    private final List<String> served;
    private final PipelineStats stats;
    private final long maxLagMs;

    public Readiness(List<String> leaders, PipelineStats stats, long maxLagMs) {
        this(leaders, leaders, stats, maxLagMs);
    }

    /** Readiness of the {@code served} leaders' captures and of the pairs applying into them (sidecar mode: one). */
    public Readiness(List<String> leaders, List<String> served, PipelineStats stats, long maxLagMs) {
        this.leaders = List.copyOf(leaders);
        this.served = List.copyOf(served);
        this.stats = stats;
        this.maxLagMs = maxLagMs;
    }

    /** The leaders this process serves (every leader in hub mode). */
    public List<String> leaders() {
        return served;
    }

    /** What is not ready now; empty when ready. */
    public List<NotReady> check() {
        List<NotReady> problems = new ArrayList<>();
        for (String leader : served) {
            LeaderState capture = stats.captureState(leader);
            if (capture != LeaderState.RUNNING) {
                problems.add(NotReady.side(leader, "capture", capture));
            }
            LeaderState apply = stats.applyState(leader);
            if (apply != LeaderState.RUNNING) {
                problems.add(NotReady.side(leader, "apply", apply));
            } else if (!stats.applyCaughtUp(leader)) {
                latePairsInto(leader, problems);
            }
        }
        return problems;
    }

    private void latePairsInto(String target, List<NotReady> problems) {
        for (String origin : leaders) {
            if (!origin.equals(target)) {
                long lag = stats.lastLagMillis(origin, target);
                if (lag > maxLagMs) {
                    problems.add(NotReady.late(origin, target, lag, maxLagMs));
                }
            }
        }
    }
}
