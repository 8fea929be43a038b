package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.pipeline.AwaitCaptureException;
import io.concordbridge.core.pipeline.LogPositions;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the apply may settle a row whose stamp is unknown, or must let the capture of
 * its own leader pass first (DESIGN.md, "Detecting conflicts"). Every local write to a locked row
 * committed before the lock, so it lies before the binlog end read after the locks were taken;
 * once the capture has passed that position (its stamps are recorded before it reports a
 * position), a stamp still unknown will never come.
 *
 * <p>On a busy leader the binlog end moves on between attempts, so the retry would chase it
 * forever. The position asked for is therefore remembered with the content of every unknown row:
 * when the retry finds such a row unchanged and the capture past that position, it is settled.
 * Single-threaded, like the applier that owns it.
 */
final class CaptureWait {

    private static final ByteBuffer ABSENT = ByteBuffer.allocate(0);

    private final String leader;
    private final LocalRemovals removals;
    private String progress;
    private String awaited;
    private Map<RowRef, ByteBuffer> awaitedRows = Map.of();
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

    /** The lane's latest capture position of this leader (null: none yet). */
    void progress(String position) {
        progress = position;
    }

    /** A new attempt: the binlog end is read again when needed. */
    void attempt() {
        end = null;
        removedRead = false;
    }

    /**
     * Whether an absent row of {@code table} with no recorded version may hide a local write the
     * capture has not recorded yet: a local insert and delete of the key (or an update that moved
     * it away) committed past the capture's position. Such a write needs a delete or an update of
     * the table in a transaction that is not the bridge's own, so the binlog between the capture's
     * position and its end is read for one ({@link LocalRemovals}); what cannot be read counts as "may".
     */
    boolean mayHideRemoval(Connection connection, String table) throws SQLException {
        if (!removedRead) {
            if (end == null) {
                end = binlogEnd(connection);
            }
            removed = LogPositions.reached(progress, end) ? Set.of() : removals.after(connection, progress, end);
            removedRead = true;
        }
        return removed == null || removed.contains(table);
    }

    /** The batch committed: nothing is awaited any more. */
    void applied() {
        awaited = null;
        awaitedRows = Map.of();
    }

    /** Whether every local write to this row before the lock has had its stamp recorded. */
    boolean passed(Connection connection, Slot slot) throws SQLException {
        if (awaited != null && LogPositions.reached(progress, awaited) && content(slot).equals(awaitedRows.get(slot.ref))) {
            return true;
        }
        if (end == null) {
            end = binlogEnd(connection);
        }
        return LogPositions.reached(progress, end);
    }

    /** The exception to throw (after rolling back), remembering the content of every unknown row. */
    AwaitCaptureException await(Collection<Slot> view, String detail) {
        Map<RowRef, ByteBuffer> rows = new HashMap<>();
        for (Slot s : view) {
            if (!s.known) {
                rows.put(s.ref, content(s));
            }
        }
        awaited = end;
        awaitedRows = rows;
        return new AwaitCaptureException(leader, end, detail + " (the capture has reached "
                + (progress == null ? "no position yet" : progress) + ")");
    }

    private static ByteBuffer content(Slot s) {
        return s.found == null ? ABSENT : ByteBuffer.wrap(RowHash.of(s.found));
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
