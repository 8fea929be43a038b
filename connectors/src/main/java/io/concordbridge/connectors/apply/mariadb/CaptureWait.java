package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.pipeline.AwaitCaptureException;
import io.concordbridge.core.pipeline.CaptureHolds;
import io.concordbridge.core.pipeline.LogPositions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether the apply may settle a row whose stamp is unknown, or must let the capture of
 * its own leader pass first (DESIGN.md, "Detecting conflicts"). Every local write to a locked row
 * committed before the lock, so it lies before the binlog end read after the locks were taken;
 * once the capture has passed that position (its stamps are recorded before it reports a
 * position), a stamp still unknown will never come.
 *
 * <p>The first attempt at a batch does not wait: it rolls back ({@link #await}). The applier
 * retries at once, and the retry {@link #hold}s: it takes the row locks, reads the binlog end and
 * waits, holding them, until the capture has passed it, before it reads the row versions. Only
 * when the capture stands still (or the hold runs out) does the lane wait, holding nothing. No
 * local write can reach the locked rows meanwhile, and the capture needs none of those locks (it
 * writes only row versions, which the retry locks after the wait), so the position is fixed and
 * reached even on a busy leader. A retry may not take the rows as they were at the first attempt: a local
 * insert and delete between the two attempts leaves an absent row absent, with its tombstone not
 * recorded yet. Single-threaded, like the applier that owns it.
 */
final class CaptureWait {

    /** A retry holding its row locks lets go (and the lane waits outside) when the capture stands still this long. */
    static final long STALL_MILLIS = 3_000;
    /** ... or when it has held them this long, even with the capture moving (below InnoDB's default lock wait). */
    static final long HOLD_MAX_MILLIS = 30_000;

    private final String leader;
    private final LocalRemovals removals;
    private Supplier<String> progress = () -> null;
    private CaptureHolds holds = (nanos, passed) -> { };
    /** The capture's position read at the start of the attempt, before its locks. */
    private String seen;
    /** Whether the next attempt holds its locks until the capture has passed them. */
    private boolean hold;
    private String end;
    /** Per attempt: whether {@link #removed} was read yet. */
    private boolean removedRead;
    /** The tables whose rows local writes past the capture removed; null: cannot be told (wait). */
    private Set<String> removed;

    /** @param checkpointTable {@code meta.checkpoint}: a transaction that writes it is the bridge's own */
    CaptureWait(String leader, String checkpointTable) {
        this.leader = leader;
        this.removals = new LocalRemovals(checkpointTable);
    }

    /** Where the capture of this leader has read to, asked whenever needed (null: no position yet). */
    void progress(Supplier<String> position) {
        progress = position;
    }

    /** Whom to tell of each hold. */
    void holds(CaptureHolds listener) {
        holds = listener;
    }

    /** A new attempt: the capture's position now, before any lock; the binlog end is read again when needed. */
    void attempt() {
        seen = progress.get();
        end = null;
        removedRead = false;
    }

    /** Whether this attempt must {@link #hold} its row locks until the capture has passed them. */
    boolean holding() {
        return hold;
    }

    /**
     * Called with the rows locked and their versions not read yet: reads the binlog end and waits,
     * holding the locks, until the capture has passed it. A capture that is behind but reading on is
     * waited for (letting go would only start the wait again further back), up to
     * {@link #HOLD_MAX_MILLIS}; one that stands still {@link #STALL_MILLIS} is not. Returns whether
     * it passed; then every unknown stamp of the attempt is settled without waiting.
     */
    boolean hold(Connection connection) throws SQLException {
        end = binlogEnd(connection);
        long start = System.nanoTime();
        long movedAt = start;
        String last = progress.get();
        boolean passed = false;
        while (!passed) {
            String now = progress.get();
            long t = System.nanoTime();
            if (!Objects.equals(now, last)) {
                last = now;
                movedAt = t;
            }
            if (LogPositions.reached(now, end)) {
                seen = now;
                passed = true;
            } else if (t - movedAt > STALL_MILLIS * 1_000_000 || t - start > HOLD_MAX_MILLIS * 1_000_000
                    || !pause()) {
                break;
            }
        }
        holds.held(System.nanoTime() - start, passed);
        return passed;
    }

    private static boolean pause() {
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether an absent row of {@code table}, with no recorded version or with a tombstone, may hide a
     * local write the capture has not recorded yet: a local insert and delete of the key (or an update
     * that moved it away) committed past the capture's position. Such a write needs a delete or an update of
     * the table in a transaction that is not the bridge's own, so the binlog between the capture's
     * position and its end is read for one ({@link LocalRemovals}); what cannot be read counts as "may".
     */
    boolean mayHideRemoval(Connection connection, String table) throws SQLException {
        if (!removedRead) {
            if (end == null) {
                end = binlogEnd(connection);
            }
            removed = LogPositions.reached(seen, end) ? Set.of() : removals.after(connection, seen, end);
            removedRead = true;
        }
        return removed == null || removed.contains(table);
    }

    /** The batch committed: the next one starts without holding. */
    void applied() {
        hold = false;
    }

    /** Whether every local write to the locked rows has had its stamp recorded. */
    boolean passed(Connection connection) throws SQLException {
        if (end == null) {
            end = binlogEnd(connection);
        }
        return LogPositions.reached(seen, end);
    }

    /** The exception to throw (the applier rolls back); the retry holds its locks while it waits. */
    AwaitCaptureException await(String detail) {
        hold = true;
        return new AwaitCaptureException(leader, end, detail + " (the capture has reached "
                + (seen == null ? "no position yet" : seen) + ")");
    }

    static String binlogEnd(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new SQLException("SHOW MASTER STATUS returned no row: the leader writes no binlog (log_bin is off)");
            }
            return rs.getString(1) + ":" + rs.getLong(2);
        }
    }
}
