package io.concordbridge.ops.handlers;

import io.concordbridge.client.ConflictClient;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conflicts a leader recorded in its history, rebuilt as the handler saw them (this leader's
 * version local), with the row they finally left: the row of their resolution when one was
 * recorded, else the row the apply left. Stateless; the connection is the caller's.
 */
final class RecordedConflicts {

    /** A recorded conflict and what it left; {@code open} when it is still stored unresolved. */
    record Recorded(long historyId, String conflictId, Conflict conflict, Map<String, Object> left, boolean open) {
    }

    private RecordedConflicts() {
    }

    static List<Recorded> read(Connection c, String meta, String table, int limit, ConflictClient keys)
            throws SQLException {
        String history = "`" + meta + "`.`conflict_history`";
        String sql = "SELECT h.id, h.conflict_id, h.tbl, h.type, h.local_leader, h.local_stamp_micros, h.local_stamp_leader,"
                + " h.local_row, h.remote_leader, h.remote_stamp_micros, h.remote_stamp_leader, h.remote_row, h.base_row,"
                + " h.result_row, h.kept_open, (SELECT r.result_row FROM " + history + " r WHERE r.conflict_id = h.conflict_id"
                + " AND r.policy = 'resolution' ORDER BY r.id DESC LIMIT 1) AS resolved_row, (SELECT COUNT(*) FROM "
                + history + " r WHERE r.conflict_id = h.conflict_id AND r.policy = 'resolution') AS resolutions"
                + " FROM " + history + " h WHERE h.policy <> 'resolution' AND h.type <> 'unique_violation'"
                + (table == null ? "" : " AND h.tbl = ?") + " ORDER BY h.id DESC LIMIT " + limit;
        Map<String, List<String>> keyColumns = new HashMap<>();
        List<Recorded> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (table != null) {
                ps.setString(1, table);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId t = TableId.parse(rs.getString("tbl"));
                    Version local = version(rs, "local");
                    Version remote = version(rs, "remote");
                    Map<String, Object> base = RowJson.read(rs.getString("base_row"));
                    Map<String, Object> any = local.row() != null ? local.row() : remote.row() != null ? remote.row() : base;
                    if (any == null || remote.stamp() == null) {
                        continue;
                    }
                    List<Object> key = new ArrayList<>();
                    for (String col : keyColumns.computeIfAbsent(t.toString(), k -> columns(keys, k))) {
                        key.add(any.get(col));
                    }
                    boolean resolved = rs.getLong("resolutions") > 0;
                    Map<String, Object> left = RowJson.read(rs.getString(resolved ? "resolved_row" : "result_row"));
                    out.add(new Recorded(rs.getLong("id"), rs.getString("conflict_id"),
                            new Conflict(ConflictType.fromStorage(rs.getString("type")), t, new RowKey(t, key), base,
                                    local, remote), left, !resolved && rs.getInt("kept_open") == 1));
                }
            }
        }
        return out;
    }

    private static Version version(ResultSet rs, String side) throws SQLException {
        long micros = rs.getLong(side + "_stamp_micros");
        Stamp stamp = rs.wasNull() ? null : new Stamp(micros, rs.getString(side + "_stamp_leader"));
        return new Version(rs.getString(side + "_leader"), stamp, RowJson.read(rs.getString(side + "_row")));
    }

    private static List<String> columns(ConflictClient keys, String table) {
        try {
            return keys.keyColumns(table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the primary key of " + table + ": " + e.getMessage(), e);
        }
    }
}
