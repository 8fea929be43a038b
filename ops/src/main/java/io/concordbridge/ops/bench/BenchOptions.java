package io.concordbridge.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code bridge bench} run measures. Immutable.
 *
 * @param rows        rows of W1 (single-row updates) and W2 (500-row insert transactions); W3 writes a third of
 *                    them on each of the three leaders
 * @param warmupRows  rows of an unmeasured W1 and of each unmeasured W2 round on each replication first (0: none)
 * @param warmupRounds how many unmeasured W2 rounds
 * @param lagRate     writes per second on each origin during the lag phase
 * @param lagSeconds  how long the lag phase writes
 * @param skipW1      leave the measured W1 out (its warm-up still runs)
 * @param skipNative  leave native MariaDB replication out
 * @param skipSidecar leave the bridge in sidecar mode (and its Kafka broker) out
 * @param skipLag     throughput only
 * @param skipConflicts leave W3 (every leader updating the same keys) out
 * @param parentDir   the folder in which the bench makes (and at the end removes) its own folder
 * @param json        where to write the figures as JSON too, or null
 */
public record BenchOptions(int rows, int warmupRows, int warmupRounds, int lagRate, int lagSeconds, boolean skipW1,
                           boolean skipNative, boolean skipSidecar, boolean skipLag, boolean skipConflicts,
                           Path parentDir, Path json) {

    /** Rows in one W2 transaction. */
    public static final int W2_TX_ROWS = 500;
    /** The lag phase keeps every commit time in memory: this bounds it (80 MB per origin). */
    static final long MAX_LAG_WRITES_PER_ORIGIN = 10_000_000L;

    /** Every problem with these values, as {@code "--option=value: reason"}; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (rows < 1) {
            p.add("--rows=" + rows + ": must be >= 1");
        }
        if (warmupRows < 0) {
            p.add("--warmup-rows=" + warmupRows + ": must be >= 0");
        }
        if (warmupRounds < 1 || warmupRounds > 100) {
            p.add("--warmup-rounds=" + warmupRounds + ": must be 1..100");
        }
        if (lagRate < 1 || lagRate > 100_000) {
            p.add("--lag-rate=" + lagRate + ": must be 1..100000 writes/s per leader");
        }
        if (lagSeconds < 1) {
            p.add("--lag-seconds=" + lagSeconds + ": must be >= 1");
        }
        if ((long) lagRate * lagSeconds > MAX_LAG_WRITES_PER_ORIGIN) {
            p.add("--lag-rate x --lag-seconds = " + (long) lagRate * lagSeconds + ": must be <= "
                    + MAX_LAG_WRITES_PER_ORIGIN + " writes per leader");
        }
        return p;
    }
}
