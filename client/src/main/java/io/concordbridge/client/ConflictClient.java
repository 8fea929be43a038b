package io.concordbridge.client;

import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.model.RowKeyText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and resolves the conflicts the bridge stored on one leader, over the application's own JDBC
 * connections to that leader (DESIGN.md, "Read-time resolution"). A resolution is one transaction on
 * this leader: the resolved row is written, the conflict closed here and a resolution record
 * written beside it; the bridge captures that transaction like any write, stamps it above every
 * sibling and applies it at every other leader, where it closes the conflict too. Thread-safe: each
 * call takes a connection of its own from the supplier and returns it.
 *
 * <pre>{@code
 * ConflictClient conflicts = ConflictClient.of(dataSource::getConnection, "concord", "dc1");
 * RowWithSiblings r = conflicts.read("shop.orders", Map.of("id", 7));
 * if (r.inConflict()) {
 *     conflicts.resolve(r.conflicts().get(0).conflictId(), Choice.row(merge(r.siblings())), "alice", "merged");
 * }
 * }</pre>
 */
public final class ConflictClient {

    /** Where connections come from: a DataSource's {@code getConnection}, a pool, DriverManager. */
    @FunctionalInterface
    public interface Connections {
        Connection get() throws SQLException;
    }

    private final Connections connections;
    private final String leader;
    private final MetaNames meta;
    private final ConflictTables tables;
    private final ConflictClosing closing;

    private ConflictClient(Connections connections, String metaSchema, String leader) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.leader = Objects.requireNonNull(leader, "leader");
        this.meta = new MetaNames(metaSchema);
        this.tables = new ConflictTables(meta);
        this.closing = new ConflictClosing(metaSchema);
    }

    /**
     * @param metaSchema the bridge's meta schema ({@code meta-schema} in its config, default {@code concord})
     * @param leader     the name this leader has in the bridge's config ({@code dc1})
     */
    public static ConflictClient of(Connections connections, String metaSchema, String leader) {
        return new ConflictClient(connections, metaSchema, leader);
    }

    public String leader() {
        return leader;
    }

    /** One page of open conflicts, by conflict id; {@link ConflictQuery#next} gives the next page. */
    public List<StoredConflict> list(ConflictQuery query) throws SQLException {
        try (Connection c = connections.get()) {
            return tables.page(c, query);
        }
    }

    /** The first page (up to {@value ConflictQuery#DEFAULT_LIMIT}) of open conflicts of {@code table}. */
    public List<StoredConflict> listOpen(String table) throws SQLException {
        return list(ConflictQuery.all().withTable(table));
    }

    /** How many conflicts are open, by table. */
    public Map<String, Long> countOpenByTable() throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement("SELECT tbl, COUNT(*) FROM "
                + meta.table("conflict") + " GROUP BY tbl"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * How many conflicts this leader met, by table, type and outcome ({@code kept_local},
     * {@code took_remote}, {@code merged}, {@code deleted}, {@code stored}), from its conflict history
     * before {@code before}: each entry is {@code {table, type, outcome, count}}.
     */
    public List<Object[]> historyCounts(java.time.Instant before) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement("SELECT tbl, type, "
                + "CASE WHEN kept_open = 1 THEN 'stored' WHEN outcome = 'keep_local' THEN 'kept_local' "
                + "WHEN outcome = 'take_remote' THEN 'took_remote' WHEN outcome = 'delete' THEN 'deleted' "
                + "ELSE outcome END, COUNT(*) FROM " + meta.table("conflict_history") + " WHERE policy <> 'resolution'"
                + " AND detected_at < ? GROUP BY 1, 2, 3")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    /** The primary key columns of {@code db.table} on this leader, in key order. */
    public List<String> keyColumns(String table) throws SQLException {
        try (Connection c = connections.get()) {
            return TableRows.of(c, table).keyColumns();
        }
    }

    /** An open conflict by id. */
    public Optional<StoredConflict> show(String conflictId) throws SQLException {
        try (Connection c = connections.get()) {
            return tables.byId(c, conflictId, false);
        }
    }

    /** The current row at {@code key} (column to value, every key column) and the open conflicts on it. */
    public RowWithSiblings read(String table, Map<String, Object> key) throws SQLException {
        try (Connection c = connections.get()) {
            TableRows rows = TableRows.of(c, table);
            List<Object> values = rows.keyOf(key);
            String rowKey = RowKeyText.of(rows.keyColumns(), normalized(rows.keyColumns(), values));
            return new RowWithSiblings(table, rowKey, rows.read(c, values, false),
                    tables.byRow(c, table, rowKey, false));
        }
    }

    /**
     * Resolves the conflict {@code conflictId} and every other open conflict on its row: writes the
     * chosen row here and closes them, in one transaction. Returns what was written.
     *
     * @param resolvedBy who resolves it, for the records (a user name, {@code cli}); never a secret
     * @param note       a free note for the records; may be empty
     * @throws ConflictException when the conflict is not open (NOT_FOUND, ALREADY_RESOLVED) or the
     *                           choice does not fit it (INVALID); nothing was written
     */
    public Resolved resolve(String conflictId, Choice choice, String resolvedBy, String note) throws SQLException {
        Objects.requireNonNull(choice, "choice");
        try (Connection c = connections.get()) {
            boolean autoCommit = c.getAutoCommit();
            String zone = sessionTimeZone(c);
            c.setAutoCommit(false);
            try {
                setTimeZone(c, "+00:00"); // the siblings' TIMESTAMP values are UTC, as the bridge keeps them
                Resolved done = resolveIn(c, conflictId, choice, resolvedBy == null ? "" : resolvedBy,
                        note == null ? "" : note);
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
                setTimeZone(c, zone);
            }
        }
    }

    /**
     * Replaces the reason an open conflict states (a handler deferred it, with why) on this leader;
     * false when it is not open here.
     */
    public boolean note(String conflictId, String reason) throws SQLException {
        try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement("UPDATE "
                + meta.table("conflict") + " SET reason = ? WHERE conflict_id = ?")) {
            ps.setString(1, reason);
            ps.setString(2, conflictId);
            boolean updated = ps.executeUpdate() > 0;
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return updated;
        }
    }

    private Resolved resolveIn(Connection c, String conflictId, Choice choice, String by, String note)
            throws SQLException {
        StoredConflict conflict = tables.byId(c, conflictId, true).orElseThrow(() -> notOpen(c, conflictId));
        List<StoredConflict> onRow = tables.byRow(c, conflict.table(), conflict.rowKey(), true);
        TableRows rows = TableRows.of(c, conflict.table());
        Map<String, Object> target = Resolutions.target(conflict, onRow, choice);
        List<Object> key = rows.keyOf(Resolutions.anyRow(onRow, conflict));
        if (target != null && !RowKeyText.of(rows.keyColumns(), normalized(rows.keyColumns(), rows.keyOf(target)))
                .equals(conflict.rowKey())) {
            throw new ConflictException(ConflictException.Reason.INVALID, "the row's key must stay "
                    + conflict.rowKey() + " (a resolution writes the conflicting row, it does not move it)");
        }
        Map<String, Object> current = rows.read(c, key, true);
        boolean written = rows.write(c, key, current, target);
        long above = onRow.stream().mapToLong(StoredConflict::maxStampMicros).max().orElse(0);
        Map<String, Long> supersedes = ResolutionMarker.highestPerLeader(onRow.stream()
                .flatMap(k -> k.siblings().stream()).map(Sibling::stamp).toList());
        applied(c).forEach((origin, micros) -> supersedes.merge(origin, micros, Math::max));
        List<String> closed = new ArrayList<>();
        for (StoredConflict k : onRow) {
            ResolutionMarker m = new ResolutionMarker(newId(), k.conflictId(), k.table(), k.rowKey(), choice.describe(),
                    by, note, above, supersedes);
            closing.close(c, m, leader, leader, target);
            closed.add(k.conflictId());
        }
        return new Resolved(conflict.table(), conflict.rowKey(), closed, target, written);
    }

    /**
     * Per origin, the highest stamp the bridge has applied here: every version of that origin up to
     * it was met here before this resolution, which is written on top of them all. Empty when the
     * meta schema predates the column.
     */
    private Map<String, Long> applied(Connection c) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, MIN(max_stamp_micros) FROM "
                + meta.table("checkpoint") + " GROUP BY origin"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(2) > 0) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (java.sql.SQLSyntaxErrorException e) {
            return Map.of();
        }
        return out;
    }

    private static String sessionTimeZone(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.time_zone")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void setTimeZone(Connection c, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET time_zone = ?")) {
            ps.setString(1, zone);
            ps.execute();
        }
    }

    private ConflictException notOpen(Connection c, String conflictId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT resolved_by, leader FROM "
                + meta.table(ResolutionMarker.TABLE) + " WHERE conflict_id = ? ORDER BY resolved_at LIMIT 1")) {
            ps.setString(1, conflictId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new ConflictException(ConflictException.Reason.ALREADY_RESOLVED, "conflict " + conflictId
                            + " is already resolved (by " + rs.getString(1) + " at " + rs.getString(2) + ")");
                }
            }
        } catch (SQLException e) {
            return new ConflictException(ConflictException.Reason.NOT_FOUND, "conflict " + conflictId
                    + " is not open on " + leader + " (" + e.getMessage() + ")");
        }
        return new ConflictException(ConflictException.Reason.NOT_FOUND, "no open conflict " + conflictId + " on "
                + leader + "; list them with listOpen or `./bridge conflicts list`");
    }

    /** Key values as the bridge keeps them (an INT key is a Long in the stored key text). */
    private static List<Object> normalized(List<String> columns, List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(ColumnValues.of(columns.get(i), values.get(i)));
        }
        return out;
    }

    private static String newId() {
        UUID u = UUID.randomUUID();
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }
}
