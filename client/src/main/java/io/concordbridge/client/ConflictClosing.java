package io.concordbridge.client;

import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.model.RowJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Closes a stored conflict at one leader when a resolution is written there or arrives there:
 * records the resolution (every leader keeps the same {@code resolution} rows, so two resolutions
 * of one conflict are both recorded), moves the open conflict to the history with who resolved it,
 * when and how, and deletes it from the open conflicts. A resolution of a conflict that is no longer
 * open here (another resolution closed it first) is recorded too; the rows converge by their stamps.
 * Stateless; the connection and its transaction are the caller's.
 */
public final class ConflictClosing {

    private final MetaNames meta;
    private final ConflictTables conflicts;

    public ConflictClosing(String metaSchema) {
        this.meta = new MetaNames(metaSchema);
        this.conflicts = new ConflictTables(meta);
    }

    /**
     * @param resolvedAt the leader where the resolution was written
     * @param here       the leader whose meta schema {@code c} writes
     * @param result     the row the resolution leaves (null: none or not known)
     * @return true when the conflict was open here and is now closed
     */
    public boolean close(Connection c, ResolutionMarker m, String resolvedAt, String here, Map<String, Object> result)
            throws SQLException {
        record(c, m, resolvedAt);
        StoredConflict open = conflicts.byId(c, m.conflictId(), true).orElse(null);
        String type = open != null ? open.type() : typeInHistory(c, m.conflictId());
        String reason = "resolved by " + m.resolvedBy() + " at " + resolvedAt + " (" + m.how() + ")"
                + (m.note().isEmpty() ? "" : ": " + m.note())
                + (open == null ? "; the conflict was not open here any more (another resolution closed it"
                + " first, or it was resolved before this leader met it): the later stamp wins" : "");
        history(c, m, m.conflictId(), here, resolvedAt, type, result, reason);
        if (open != null) {
            delete(c, m.conflictId());
        }
        return open != null;
    }

    /**
     * {@link #close} for a resolution that arrived from another leader; it also closes the other open
     * conflicts of the row whose every version the resolution was written on top of
     * ({@link ResolutionMarker#supersedes(io.concordbridge.core.model.Stamp)}): a leader that met the
     * same writes in another order stored another pair of them (a sibling met against a later write
     * of the same leader), which the resolution decided as well.
     */
    public boolean closeArrived(Connection c, ResolutionMarker m, String resolvedAt, String here,
                                Map<String, Object> result) throws SQLException {
        boolean named = close(c, m, resolvedAt, here, result);
        closeCovered(c, m, resolvedAt, here, result);
        return named;
    }

    private void closeCovered(Connection c, ResolutionMarker m, String resolvedAt, String here,
                              Map<String, Object> result) throws SQLException {
        if (m.supersedes().isEmpty()) {
            return;
        }
        for (StoredConflict k : conflicts.byRow(c, m.table(), m.rowKey(), true)) {
            boolean covered = !k.conflictId().equals(m.conflictId()) && !k.siblings().isEmpty()
                    && k.siblings().stream().allMatch(s -> s.stamp() != null && m.supersedes(s.stamp()));
            if (covered) {
                history(c, m, k.conflictId(), here, resolvedAt, k.type(), result, "resolved by " + m.resolvedBy()
                        + " at " + resolvedAt + " (" + m.how() + ") with conflict " + m.conflictId()
                        + ": the resolution was written on top of every version of this one");
                delete(c, k.conflictId());
            }
        }
    }

    private void delete(Connection c, String conflictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + meta.table("conflict")
                + " WHERE conflict_id = ?")) {
            ps.setString(1, conflictId);
            ps.executeUpdate();
        }
    }

    private void record(Connection c, ResolutionMarker m, String resolvedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + meta.table(ResolutionMarker.TABLE)
                + " (resolution_id, conflict_id, tbl, row_key, how, resolved_by, note, above_micros, supersedes, leader,"
                + " resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(6))")) {
            ps.setString(1, m.resolutionId());
            ps.setString(2, m.conflictId());
            ps.setString(3, m.table());
            ps.setString(4, m.rowKey());
            ps.setString(5, m.how());
            ps.setString(6, m.resolvedBy());
            ps.setString(7, m.note());
            ps.setLong(8, m.aboveMicros());
            ps.setString(9, m.supersedesText());
            ps.setString(10, resolvedAt);
            ps.executeUpdate();
        }
    }

    private String typeInHistory(Connection c, String conflictId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM " + meta.table("conflict_history")
                + " WHERE conflict_id = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, conflictId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown";
            }
        }
    }

    private void history(Connection c, ResolutionMarker m, String conflictId, String here, String resolvedAt,
                         String type, Map<String, Object> result, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + meta.table("conflict_history")
                + " (conflict_id, leader, tbl, row_key, type, policy, outcome, winner, result_row, reason, kept_open,"
                + " detected_at) VALUES (?, ?, ?, ?, ?, 'resolution', 'resolved', ?, ?, ?, 0, NOW(6))")) {
            ps.setString(1, conflictId);
            ps.setString(2, here);
            ps.setString(3, m.table());
            ps.setString(4, m.rowKey());
            ps.setString(5, type);
            ps.setString(6, resolvedAt);
            ps.setString(7, RowJson.write(result));
            ps.setString(8, reason);
            ps.executeUpdate();
        }
    }
}
