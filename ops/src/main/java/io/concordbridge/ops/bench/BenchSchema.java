package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bench's tables: every workload has a database of its own with one table {@code items} of
 * the same shape. Schema changes and pre-loads run with {@code sql_log_bin=0}, so they never
 * reach a binlog and neither replication sees them: every server gets the same rows itself.
 * Stateless.
 */
final class BenchSchema {

    static final String TABLE = "items";
    private static final String COLUMNS = "(id BIGINT NOT NULL PRIMARY KEY, k INT NOT NULL, v BIGINT NOT NULL, "
            + "c VARCHAR(100) NOT NULL)";
    private static final int PRELOAD_ROWS_PER_STATEMENT = 1000;

    private BenchSchema() {
    }

    static String table(String database) {
        return database + "." + TABLE;
    }

    /** (Re)creates {@code database} with an empty table on every server. */
    static void create(List<LocalMariaDb> servers, String database) throws SQLException {
        for (LocalMariaDb db : servers) {
            try (Connection c = unlogged(db); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("CREATE DATABASE " + database);
                s.execute("CREATE TABLE " + table(database) + " " + COLUMNS + " ENGINE=InnoDB");
            }
        }
    }

    /** Drops a database on every server, if it is there. */
    static void dropDatabase(List<LocalMariaDb> servers, String database) throws SQLException {
        for (LocalMariaDb db : servers) {
            try (Connection c = unlogged(db); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    /** Inserts rows {@code 1..rows} on every server, identically, outside the binlog. */
    static void preload(List<LocalMariaDb> servers, String database, int rows) throws SQLException {
        for (LocalMariaDb db : servers) {
            try (Connection c = unlogged(db)) {
                c.setAutoCommit(false);
                insertRows(c, table(database), 1, rows, PRELOAD_ROWS_PER_STATEMENT);
                c.commit();
            }
        }
    }

    /** Inserts rows {@code first..last} in multi-row statements of {@code perStatement} rows; never commits. */
    static void insertRows(Connection c, String table, long first, long last, int perStatement) throws SQLException {
        try (PreparedStatement full = c.prepareStatement(multiRowInsert(table, perStatement))) {
            long id = first;
            while (last - id + 1 >= perStatement) {
                bindRows(full, id, perStatement);
                full.executeUpdate();
                id += perStatement;
            }
            int rest = (int) (last - id + 1);
            if (rest > 0) {
                try (PreparedStatement tail = c.prepareStatement(multiRowInsert(table, rest))) {
                    bindRows(tail, id, rest);
                    tail.executeUpdate();
                }
            }
        }
    }

    static String multiRowInsert(String table, int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (id, k, v, c) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        return sb.toString();
    }

    /** Binds {@code rows} rows from id {@code first} into a {@link #multiRowInsert} statement. */
    static void bindRows(PreparedStatement ps, long first, int rows) throws SQLException {
        int p = 1;
        for (long id = first; id < first + rows; id++) {
            ps.setLong(p++, id);
            ps.setInt(p++, (int) (id % 1000));
            ps.setLong(p++, 0);
            ps.setString(p++, filler(id));
        }
    }

    /** 60 characters that differ per row, so rows are not trivially compressible or equal. */
    static String filler(long id) {
        String s = Long.toString(id * 2654435761L, 36);
        StringBuilder sb = new StringBuilder(60);
        while (sb.length() < 60) {
            sb.append(s).append('-');
        }
        return sb.substring(0, 60);
    }

    private static Connection unlogged(LocalMariaDb db) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_log_bin = 0");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
