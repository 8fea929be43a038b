package io.concordbridge.ops.bench;

/**
 * One W3 measurement: every leader updating the same keys at once, on the bridge in hub mode.
 *
 * @param system          {@code hub}
 * @param leaders         leaders written to at once
 * @param rowsPerLeader   single-row updates committed at each leader
 * @param keys            the keys they all update
 * @param conflicts       distinct conflicts recorded in {@code conflict_history} on the leaders during the run
 * @param records         {@code conflict_history} records on all leaders together (a conflict met on two leaders
 *                        is one conflict and two records)
 * @param writeNanos      first write → the last commit on the slowest leader
 * @param totalNanos      first write → every leader has applied every other leader's writes
 */
public record ConflictResult(String system, int leaders, long rowsPerLeader, int keys, long conflicts, long records,
                             long writeNanos, long totalNanos) {

    /** Every update at every leader. */
    public long rows() {
        return leaders * rowsPerLeader;
    }

    /** The figure of the table: all writes / (first write → replicated everywhere). */
    public double rowsPerSecond() {
        return rows() / (totalNanos / 1e9);
    }

    /** Conflicts recorded / the same time as {@link #rowsPerSecond}. */
    public double conflictsPerSecond() {
        return conflicts / (totalNanos / 1e9);
    }
}
