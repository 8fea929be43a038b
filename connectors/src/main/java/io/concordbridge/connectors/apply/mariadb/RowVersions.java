package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.Stamp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the meta schema's {@code row_version} table: per row (table and canonical key
 * bytes) the stamp of its last write and the {@link io.concordbridge.core.model.RowHash} of what it
 * wrote, or a tombstone ({@code deleted = 1}, no hash). Three ways to write: {@link #overwrite} for
 * the apply, which decided under lock what the row now is; {@link #insert} for the apply's rows taken
 * as new without reading them, which fails where a version is stored; {@link #forward} for the
 * capture's local versions, which only ever move a row's version to a later stamp. Stateless; the
 * connection and its transaction are the caller's.
 */
final class RowVersions {

    /** Most keys per SELECT ... IN (...). */
    static final int CHUNK = 500;

    /**
     * A stored version: a row's stamp and hash, or a tombstone (hash null, deleted); for a table that
     * merges per column its column stamps, and a tombstone's deleted row (else null).
     */
    record Stored(Stamp stamp, byte[] hash, boolean deleted, Cells cells, Map<String, Object> last) {
    }

    /** A version to write; {@code hash} null writes a tombstone; {@code cells} and {@code last} may be null. */
    record Entry(RowRef row, Stamp stamp, byte[] hash, Cells cells, Map<String, Object> last) {

        Entry(RowRef row, Stamp stamp, byte[] hash) {
            this(row, stamp, hash, null, null);
        }
    }

    private final MetaSchema meta;

    RowVersions(MetaSchema meta) {
        this.meta = meta;
    }

    /**
     * The stored versions of these rows (rows without one are absent from the result), locked FOR
     * UPDATE in primary-key order, chunk by chunk, as {@link #forward} writes them: two writers of
     * row versions never lock in opposite orders.
     */
    Map<RowRef, Stored> lock(Connection connection, Collection<RowRef> rows) throws SQLException {
        return read(connection, rows, " FOR UPDATE");
    }

    /** The stored versions of these rows, read without locks (rows without one are absent from the result). */
    Map<RowRef, Stored> read(Connection connection, Collection<RowRef> rows) throws SQLException {
        return read(connection, rows, "");
    }

    private Map<RowRef, Stored> read(Connection connection, Collection<RowRef> rows, String lock) throws SQLException {
        Map<String, List<RowRef>> byTable = new TreeMap<>();
        for (RowRef r : rows) {
            byTable.computeIfAbsent(r.tableName(), k -> new ArrayList<>()).add(r);
        }
        Map<RowRef, Stored> result = new HashMap<>();
        for (Map.Entry<String, List<RowRef>> t : byTable.entrySet()) {
            List<RowRef> refs = t.getValue();
            refs.sort(null);
            for (int from = 0; from < refs.size(); from += CHUNK) {
                List<RowRef> chunk = refs.subList(from, Math.min(refs.size(), from + CHUNK));
                read(connection, t.getKey(), chunk, lock, result);
            }
        }
        return result;
    }

    private void read(Connection connection, String table, List<RowRef> chunk, String lock, Map<RowRef, Stored> into)
            throws SQLException {
        StringBuilder head = new StringBuilder("SELECT pk, stamp_micros, stamp_leader, row_hash, deleted, stamp_precedence, ")
                .append("cells, last_row FROM ").append(meta.table(MetaSchema.ROW_VERSION))
                .append(" FORCE INDEX (PRIMARY) WHERE tbl = ");
        SqlLiterals.string(head, table);
        List<List<Object>> keys = new ArrayList<>(chunk.size());
        for (RowRef r : chunk) {
            keys.add(List.of(r.bytes()));
        }
        String sql = new RowShape.Text(head.append(" AND pk IN (").toString(), RowShape.Text.Form.BARE, null, ", ",
                ")" + lock).of(keys);
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    RowRef ref = RowRef.stored(chunk.get(0).table(), rs.getBytes(1));
                    String last = rs.getString(8);
                    into.put(ref, new Stored(stamp(rs, 2, 3, 6), rs.getBytes(4), rs.getInt(5) != 0,
                            Cells.fromJson(rs.getString(7)), last == null ? null : RowJson.read(last)));
                }
            }
        }
    }

    /** A stored stamp; a null precedence (written so where it equals the micros, or before precedence was kept) is the micros. */
    static Stamp stamp(ResultSet rs, int micros, int leader, int precedence) throws SQLException {
        long m = rs.getLong(micros);
        long p = rs.getLong(precedence);
        return new Stamp(m, rs.getString(leader), rs.wasNull() ? m : p);
    }

    /**
     * Stores each row's first version: a plain INSERT, which fails with a duplicate key (1062) where the row has a
     * version already (the apply took it as new without reading it).
     */
    void insert(Connection connection, Collection<Entry> entries) throws SQLException {
        write(connection, entries, null);
    }

    /** Sets each row's version to the entry's, whatever was stored (the apply's write, decided under lock). */
    void overwrite(Connection connection, Collection<Entry> entries) throws SQLException {
        write(connection, entries, "stamp_micros = VALUES(stamp_micros), stamp_leader = VALUES(stamp_leader), "
                + "stamp_precedence = VALUES(stamp_precedence), row_hash = VALUES(row_hash), deleted = VALUES(deleted), "
                + "cells = VALUES(cells), last_row = VALUES(last_row), updated_at = VALUES(updated_at)");
    }

    /**
     * Sets each row's version to the entry's only where the entry's stamp is later than the stored
     * one, so a version never moves back. MariaDB evaluates the assignments left to right, each
     * seeing the columns already assigned, so the stamp columns, which the condition reads, come last
     * (once {@code stamp_leader} is assigned the condition reduces to the micros, which is then exact).
     */
    void forward(Connection connection, Collection<Entry> entries) throws SQLException {
        String later = "(VALUES(stamp_micros), VALUES(stamp_leader)) > (stamp_micros, stamp_leader)";
        write(connection, entries, "row_hash = IF(" + later + ", VALUES(row_hash), row_hash), "
                + "deleted = IF(" + later + ", VALUES(deleted), deleted), "
                + "updated_at = IF(" + later + ", VALUES(updated_at), updated_at), "
                + "cells = IF(" + later + ", VALUES(cells), cells), "
                + "last_row = IF(" + later + ", VALUES(last_row), last_row), "
                + "stamp_precedence = IF(" + later + ", VALUES(stamp_precedence), stamp_precedence), "
                + "stamp_leader = IF(" + later + ", VALUES(stamp_leader), stamp_leader), "
                + "stamp_micros = IF(" + later + ", VALUES(stamp_micros), stamp_micros)");
    }

    /**
     * Multi-row upserts (plain inserts where {@code update} is null) written as text ({@link RowShape.Text#send}), up
     * to {@link MariaDbApplier#BATCH_ROWS} rows each. {@code updated_at} is left to its default (the leader's clock),
     * and {@code deleted}, {@code cells}, {@code last_row} and {@code stamp_precedence} are named only where some
     * entry has a value other than the column's default (a tombstone, column stamps, a kept row, a precedence other
     * than the micros, which {@link #stamp} reads from NULL): {@code VALUES()} of a column not named is its default,
     * so the assignments stay the same, and for the versions of plain inserts and updates the leader parses and
     * checks five values per row instead of nine (the statement's parse is most of its cost).
     */
    private void write(Connection connection, Collection<Entry> entries, String update) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        boolean tombstones = false;
        boolean extras = false;
        boolean precedence = false;
        for (Entry e : entries) {
            tombstones |= e.hash() == null;
            extras |= e.cells() != null || e.last() != null;
            precedence |= e.stamp().precedence() != e.stamp().micros();
        }
        RowShape.Text text = new RowShape.Text("INSERT INTO " + meta.table(MetaSchema.ROW_VERSION) + " (tbl, pk, row_hash, "
                + (tombstones ? "deleted, " : "") + (extras ? "cells, last_row, " : "")
                + (precedence ? "stamp_precedence, " : "") + "stamp_leader, stamp_micros) VALUES ",
                RowShape.Text.Form.TUPLE, null, ", ", update == null ? "" : " ON DUPLICATE KEY UPDATE " + update);
        List<List<Object>> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            List<Object> row = new ArrayList<>(9);
            row.add(e.row().tableName());
            row.add(e.row().bytes());
            row.add(e.hash());
            if (tombstones) {
                row.add(e.hash() == null ? 1L : 0L);
            }
            if (extras) {
                row.add(e.cells() == null ? null : e.cells().toJson());
                row.add(e.last() == null ? null : RowJson.write(e.last()));
            }
            if (precedence) {
                row.add(e.stamp().precedence() == e.stamp().micros() ? null : e.stamp().precedence());
            }
            row.add(e.stamp().leader());
            row.add(e.stamp().micros());
            rows.add(row);
        }
        try (Statement statement = connection.createStatement()) {
            text.send(statement, rows, MariaDbApplier.BATCH_ROWS);
        }
    }
}
