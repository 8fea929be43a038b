package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bridge's own schema on a leader: its DDL (every meta table is declared here) and the
 * checkpoint statements. The checkpoint write is also the echo marker: the capture of a leader
 * drops every transaction that touched the checkpoint table, so {@link #advance} must be the
 * apply transaction's first statement and must always change the row (a row event is logged
 * only for a row that changed), which {@code applied_at} guarantees by moving forward at least
 * one microsecond per write. The conflict tables are written by {@link ConflictRecords}, row
 * versions by {@link RowVersions}. Immutable and thread-safe; the connection is the caller's.
 */
public final class MetaSchema {

    public static final String DEFAULT_NAME = "concord";
    public static final String CHECKPOINT = "checkpoint";
    /** Per replicated row: the version stamp and row hash of its last write, or its tombstone. */
    public static final String ROW_VERSION = "row_version";
    /** One record per conflict met at this leader, decided or stored. */
    public static final String CONFLICT_HISTORY = "conflict_history";
    /** The open conflicts, stored with all their versions for read-time resolution. */
    public static final String CONFLICT = "conflict";
    /**
     * The resolutions of stored conflicts, the same rows on every leader: written where a conflict is
     * resolved, in the transaction that writes the resolved row, captured with it and applied
     * everywhere else ({@link io.concordbridge.core.conflict.ResolutionMarker}); {@code stamp_*} is
     * the stamp the resolution carried, known where it arrived.
     */
    public static final String RESOLUTION = io.concordbridge.core.conflict.ResolutionMarker.TABLE;
    private static final String TABLE_OPTIONS = ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private final String name;

    public MetaSchema(String name) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("meta schema name '" + name + "' must be 1..64 characters");
        }
    }

    public String name() {
        return name;
    }

    /** The quoted name of a meta table. */
    public String table(String table) {
        return Identifiers.quote(name) + "." + Identifiers.quote(table);
    }

    /**
     * Every statement that creates the meta schema; each is idempotent. Rows in the conflict
     * tables are JSON in the {@link io.concordbridge.core.model.RowJson} format; {@code row_key} is
     * the key as text ({@code id=7}, {@code a=1,b=x}), cut to 512 characters; {@code row_version.pk}
     * holds {@link io.concordbridge.core.model.RowKeyBytes}.
     */
    public List<String> ddl() {
        return List.of(
                "CREATE DATABASE IF NOT EXISTS " + Identifiers.quote(name)
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "CREATE TABLE IF NOT EXISTS " + table(CHECKPOINT) + " ("
                        + "origin VARCHAR(64) NOT NULL, "
                        + "part INT NOT NULL DEFAULT 0, "
                        + "seq BIGINT NOT NULL, "
                        + "origin_position VARCHAR(255), "
                        + "origin_commit_ms BIGINT, "
                        + "applied_at TIMESTAMP(6) NOT NULL, "
                        + "applied_txs BIGINT NOT NULL DEFAULT 0, "
                        + "applied_changes BIGINT NOT NULL DEFAULT 0, "
                        + "max_stamp_micros BIGINT NOT NULL DEFAULT 0, "
                        + "PRIMARY KEY (origin, part)"
                        + TABLE_OPTIONS,
                "ALTER TABLE " + table(CHECKPOINT) + " ADD COLUMN IF NOT EXISTS applied_txs BIGINT NOT NULL DEFAULT 0, "
                        + "ADD COLUMN IF NOT EXISTS applied_changes BIGINT NOT NULL DEFAULT 0, "
                        + "ADD COLUMN IF NOT EXISTS max_stamp_micros BIGINT NOT NULL DEFAULT 0",
                "CREATE TABLE IF NOT EXISTS " + table(ROW_VERSION) + " ("
                        + "tbl VARCHAR(192) NOT NULL, "
                        + "pk VARBINARY(767) NOT NULL, "
                        + "stamp_micros BIGINT NOT NULL, "
                        + "stamp_leader VARCHAR(64) NOT NULL, "
                        + "stamp_precedence BIGINT NULL, "
                        + "row_hash BINARY(16) NULL, "
                        + "deleted TINYINT NOT NULL DEFAULT 0, "
                        + "cells TEXT NULL, "
                        + "last_row JSON NULL, "
                        + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
                        + "PRIMARY KEY (tbl, pk)"
                        + TABLE_OPTIONS,
                "ALTER TABLE " + table(ROW_VERSION) + " ADD COLUMN IF NOT EXISTS stamp_precedence BIGINT NULL"
                        + " AFTER stamp_leader, ADD COLUMN IF NOT EXISTS cells TEXT NULL AFTER deleted,"
                        + " ADD COLUMN IF NOT EXISTS last_row JSON NULL AFTER cells",
                "ALTER TABLE " + table(ROW_VERSION) + " ALTER COLUMN updated_at SET DEFAULT CURRENT_TIMESTAMP(6)",
                "CREATE TABLE IF NOT EXISTS " + table(CONFLICT_HISTORY) + " ("
                        + "id BIGINT NOT NULL AUTO_INCREMENT, "
                        + "conflict_id CHAR(32) NOT NULL, "
                        + "leader VARCHAR(64) NOT NULL, "
                        + "tbl VARCHAR(192) NOT NULL, "
                        + "row_key VARCHAR(512) NOT NULL, "
                        + "type VARCHAR(32) NOT NULL, "
                        + "policy VARCHAR(64) NOT NULL, "
                        + "outcome VARCHAR(16) NOT NULL, "
                        + "winner VARCHAR(64) NULL, "
                        + "local_leader VARCHAR(64) NULL, "
                        + "local_stamp_micros BIGINT NULL, "
                        + "local_stamp_leader VARCHAR(64) NULL, "
                        + "local_stamp_precedence BIGINT NULL, "
                        + "local_row JSON NULL, "
                        + "remote_leader VARCHAR(64) NULL, "
                        + "remote_stamp_micros BIGINT NULL, "
                        + "remote_stamp_leader VARCHAR(64) NULL, "
                        + "remote_stamp_precedence BIGINT NULL, "
                        + "remote_row JSON NULL, "
                        + "base_row JSON NULL, "
                        + "result_row JSON NULL, "
                        + "reason TEXT NOT NULL, "
                        + "kept_open TINYINT NOT NULL, "
                        + "detected_at TIMESTAMP(6) NOT NULL, "
                        + "PRIMARY KEY (id), "
                        + "KEY by_row (tbl, row_key), "
                        + "KEY by_conflict (conflict_id)"
                        + TABLE_OPTIONS,
                "ALTER TABLE " + table(CONFLICT_HISTORY)
                        + " ADD COLUMN IF NOT EXISTS local_stamp_precedence BIGINT NULL AFTER local_stamp_leader, "
                        + "ADD COLUMN IF NOT EXISTS remote_stamp_precedence BIGINT NULL AFTER remote_stamp_leader",
                "CREATE TABLE IF NOT EXISTS " + table(CONFLICT) + " ("
                        + "conflict_id CHAR(32) NOT NULL, "
                        + "tbl VARCHAR(192) NOT NULL, "
                        + "row_key VARCHAR(512) NOT NULL, "
                        + "type VARCHAR(32) NOT NULL, "
                        + "policy VARCHAR(64) NOT NULL, "
                        + "winner VARCHAR(64) NULL, "
                        + "versions JSON NOT NULL, "
                        + "base_row JSON NULL, "
                        + "reason TEXT NOT NULL, "
                        + "created_at TIMESTAMP(6) NOT NULL, "
                        + "PRIMARY KEY (conflict_id), "
                        + "KEY by_row (tbl, row_key)"
                        + TABLE_OPTIONS,
                "CREATE TABLE IF NOT EXISTS " + table(RESOLUTION) + " ("
                        + "resolution_id CHAR(32) NOT NULL, "
                        + "conflict_id CHAR(32) NOT NULL, "
                        + "tbl VARCHAR(192) NOT NULL, "
                        + "row_key VARCHAR(512) NOT NULL, "
                        + "how VARCHAR(160) NOT NULL, "
                        + "resolved_by VARCHAR(160) NOT NULL, "
                        + "note TEXT NULL, "
                        + "above_micros BIGINT NOT NULL, "
                        + "supersedes TEXT NULL, "
                        + "leader VARCHAR(64) NOT NULL, "
                        + "resolved_at TIMESTAMP(6) NOT NULL, "
                        + "PRIMARY KEY (resolution_id), "
                        + "KEY by_conflict (conflict_id), "
                        + "KEY by_row (tbl, row_key)"
                        + TABLE_OPTIONS,
                "ALTER TABLE " + table(RESOLUTION) + " ADD COLUMN IF NOT EXISTS supersedes TEXT NULL AFTER above_micros,"
                        + " ADD KEY IF NOT EXISTS by_row (tbl, row_key)");
    }

    /** Creates what is missing. DDL commits implicitly, so call it outside an apply transaction. */
    public void create(Connection connection) throws SQLException {
        if (complete(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String sql : ddl()) {
                s.execute(sql);
            }
        }
    }

    /**
     * True when every meta table exists. Checked first so that an apply connection that opens again
     * writes no DDL to the binlog: the capture takes a DDL statement for a transaction that has not
     * ended until the next one begins, and would not see an idle leader as streaming before then.
     */
    public boolean complete(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND (TABLE_NAME, COLUMN_NAME) IN ((?, 'applied_changes'),"
                + " (?, 'last_row'), (?, 'remote_stamp_precedence'), (?, 'supersedes'), (?, 'max_stamp_micros'))"
                + " OR TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'updated_at'"
                + " AND COLUMN_DEFAULT LIKE 'current_timestamp%'")) {
            ps.setString(1, name);
            ps.setString(2, CHECKPOINT);
            ps.setString(3, ROW_VERSION);
            ps.setString(4, CONFLICT_HISTORY);
            ps.setString(5, RESOLUTION);
            ps.setString(6, CHECKPOINT);
            ps.setString(7, name);
            ps.setString(8, ROW_VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) < 6) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, CHECKPOINT);
            ps.setString(3, ROW_VERSION);
            ps.setString(4, CONFLICT_HISTORY);
            ps.setString(5, CONFLICT);
            ps.setString(6, RESOLUTION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 5;
            }
        }
    }

    /** The checkpoints of a partition: origin to last sequence number applied. */
    public Map<String, Long> checkpoints(Connection connection, int part) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT origin, seq FROM " + table(CHECKPOINT) + " WHERE part = ? ORDER BY origin")) {
            ps.setInt(1, part);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return result;
    }

    /**
     * Sets the partition-0 checkpoint of every origin in {@code txs} to its highest sequence
     * number there, in one statement.
     */
    public void advance(Connection connection, List<OriginTransaction> txs) throws SQLException {
        List<OriginTransaction> last = lastPerOrigin(txs);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table(CHECKPOINT))
                .append(" (origin, part, seq, origin_position, origin_commit_ms, applied_at, applied_txs, applied_changes,")
                .append(" max_stamp_micros) VALUES ");
        for (int i = 0; i < last.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, 0, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE seq = VALUES(seq), origin_position = VALUES(origin_position), ")
                .append("origin_commit_ms = VALUES(origin_commit_ms), ")
                .append("max_stamp_micros = GREATEST(max_stamp_micros, VALUES(max_stamp_micros)), ")
                .append("applied_txs = applied_txs + VALUES(applied_txs), ")
                .append("applied_changes = applied_changes + VALUES(applied_changes), ")
                .append("applied_at = GREATEST(VALUES(applied_at), applied_at + INTERVAL 1 MICROSECOND)");
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int i = 1;
            for (OriginTransaction tx : last) {
                ps.setString(i++, tx.origin());
                ps.setLong(i++, tx.seq());
                ps.setString(i++, tx.position());
                ps.setLong(i++, tx.commitMillis());
                long[] counts = counts(txs, tx.origin());
                ps.setLong(i++, counts[0]);
                ps.setLong(i++, counts[1]);
                ps.setLong(i++, counts[2]);
            }
            ps.executeUpdate();
        }
    }

    /**
     * {@code {transactions with a change, changes, highest stamp in micros}} of {@code origin} in
     * {@code txs}. An origin's stamps rise in its log order, so every version of that origin stamped
     * at or below {@code max_stamp_micros} has been met here (a resolution written here supersedes it).
     */
    private static long[] counts(List<OriginTransaction> txs, String origin) {
        long[] c = new long[3];
        for (OriginTransaction tx : txs) {
            if (tx.origin().equals(origin) && tx.size() > 0) {
                c[0]++;
                c[1] += tx.size();
                for (Change change : tx.changes()) {
                    if (change.stamp() != null) {
                        c[2] = Math.max(c[2], change.stamp().micros());
                    }
                }
            }
        }
        return c;
    }

    /** What was applied of each origin so far: origin to {@code {transactions, changes}}. */
    public Map<String, long[]> totals(Connection connection) throws SQLException {
        Map<String, long[]> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT origin, SUM(applied_txs), SUM(applied_changes) FROM "
                + table(CHECKPOINT) + " GROUP BY origin"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
            }
        }
        return result;
    }

    /** Per origin, in order of first appearance, the transaction with the highest sequence number. */
    static List<OriginTransaction> lastPerOrigin(List<OriginTransaction> txs) {
        Map<String, OriginTransaction> last = new LinkedHashMap<>();
        for (OriginTransaction tx : txs) {
            last.merge(tx.origin(), tx, (a, b) -> b.seq() >= a.seq() ? b : a);
        }
        return new ArrayList<>(last.values());
    }
}
