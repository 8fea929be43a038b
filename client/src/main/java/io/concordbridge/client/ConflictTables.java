package io.concordbridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.Stamp;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the meta schema's {@code conflict} table (open conflicts): by id, by row, or a filtered page.
 * Stateless; the connection and its transaction are the caller's.
 */
final class ConflictTables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "conflict_id, tbl, row_key, type, policy, winner, versions, base_row, reason, "
            + "created_at";

    private final String conflictTable;

    ConflictTables(MetaNames meta) {
        this.conflictTable = meta.table("conflict");
    }

    Optional<StoredConflict> byId(Connection c, String conflictId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + conflictTable
                + " WHERE conflict_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, conflictId);
            List<StoredConflict> found = read(ps);
            return found.stream().findFirst();
        }
    }

    List<StoredConflict> byRow(Connection c, String table, String rowKey, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + conflictTable
                + " WHERE tbl = ? AND row_key = ? ORDER BY created_at, conflict_id" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, table);
            ps.setString(2, rowKey);
            return read(ps);
        }
    }

    List<StoredConflict> page(Connection c, ConflictQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + conflictTable + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "tbl", q.table());
        filter(sql, args, "row_key", q.rowKey());
        filter(sql, args, "type", q.type());
        filter(sql, args, "conflict_id >", q.after());
        if (q.minAge() != null) {
            sql.append(" AND created_at <= NOW(6) - INTERVAL ? MICROSECOND");
            args.add(q.minAge().toNanos() / 1000);
        }
        sql.append(" ORDER BY conflict_id LIMIT ").append(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return read(ps);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(column.endsWith(">") ? " ?" : " = ?");
            args.add(value);
        }
    }

    private static List<StoredConflict> read(PreparedStatement ps) throws SQLException {
        List<StoredConflict> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp created = rs.getTimestamp("created_at");
                out.add(new StoredConflict(rs.getString("conflict_id"), rs.getString("tbl"), rs.getString("row_key"),
                        rs.getString("type"), rs.getString("policy"), rs.getString("winner"),
                        siblings(rs.getString("versions")), RowJson.read(rs.getString("base_row")),
                        rs.getString("reason"), created == null ? null : created.toInstant()));
            }
        }
        return out;
    }

    /** The {@code versions} JSON array: {@code [{"leader", "stamp": {"micros", "leader"} | null, "row"}, ...]}. */
    static List<Sibling> siblings(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<Sibling> out = new ArrayList<>();
            for (JsonNode v : array) {
                JsonNode stamp = v.get("stamp");
                Stamp s = stamp == null || stamp.isNull() ? null
                        : new Stamp(stamp.get("micros").asLong(), stamp.get("leader").asText());
                JsonNode leader = v.get("leader");
                out.add(new Sibling(leader == null || leader.isNull() ? null : leader.asText(), s,
                        RowJson.readRow(v.get("row"))));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the versions of a stored conflict are not the JSON the bridge writes: "
                    + e.getMessage(), e);
        }
    }
}
