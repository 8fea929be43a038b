package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.config.LeaderConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Opens Connector/J connections to a MariaDB leader and puts the session into the state the
 * bridge's reads and writes rely on. The password travels in the connection properties, never in
 * the URL, so it appears in no message. Stateless.
 */
public final class MariaDbConnections {

    /** The server refused: the user lacks a privilege. */
    private static final int ACCESS_DENIED = 1227;

    /**
     * Options for every bridge connection. {@code connectionTimeZone=UTC} together with the session
     * time zone {@code +00:00} set by {@link #prepareSession} makes TIMESTAMP values UTC wall-clock
     * times in both directions, whatever the server's or the JVM's zone.
     */
    public static final Map<String, String> COMMON = Map.of(
            "connectionTimeZone", "UTC",
            "forceConnectionTimeZoneToSession", "false",
            "characterEncoding", "UTF-8",
            "connectTimeout", "10000",
            "socketTimeout", "300000",
            "tcpKeepAlive", "true",
            "useLocalSessionState", "true");

    /**
     * Options of the apply connection. Its statements of rows, row versions and row locks are
     * written as text ({@link SqlLiterals}); the others (conflict records, checkpoints) are
     * client-side prepared, with parse results cached and batches rewritten into multi-row INSERTs
     * (4-6 times the rate of unrewritten batches), a batch stopping at its first failing statement.
     */
    public static final Map<String, String> APPLY = Map.of(
            "rewriteBatchedStatements", "true",
            "useServerPrepStmts", "false",
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "512",
            "prepStmtCacheSqlLimit", "65536",
            "continueBatchOnError", "false");

    /**
     * Strict, so a value the column cannot hold fails instead of being silently changed, and
     * NO_AUTO_VALUE_ON_ZERO, so a replicated 0 in an AUTO_INCREMENT column stays 0. Nothing else:
     * modes such as EMPTY_STRING_IS_NULL or PAD_CHAR_TO_FULL_LENGTH would change values. (The driver
     * follows NO_BACKSLASH_ESCAPES from the server's status flags, so dropping it is safe; see
     * MariaDbApplierIT.)
     */
    private static final String SESSION = "SET time_zone = '+00:00', "
            + "sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

    private MariaDbConnections() {
    }

    /** Connects with {@link #COMMON} options overlaid by {@code options}, then {@link #prepareSession}. */
    public static Connection open(LeaderConfig leader, Map<String, String> options) throws SQLException {
        Properties props = new Properties();
        Map<String, String> all = new LinkedHashMap<>(COMMON);
        all.putAll(options);
        all.forEach(props::setProperty);
        props.setProperty("user", leader.user());
        props.setProperty("password", leader.password() == null ? "" : leader.password().reveal());
        Connection connection = DriverManager.getConnection(url(leader), props);
        try {
            prepareSession(connection);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public static String url(LeaderConfig leader) {
        String host = leader.host().contains(":") && !leader.host().startsWith("[")
                ? "[" + leader.host() + "]" : leader.host();
        return "jdbc:mysql://" + host + ":" + leader.port() + "/";
    }

    /** UTC session time zone and the bridge's sql_mode; see the class comment. */
    public static void prepareSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SESSION);
        }
    }

    /**
     * Runs a {@code SET SESSION} that needs {@code BINLOG ADMIN} or {@code SUPER}; false where the user may not. Only
     * the server's refusal (1227, access denied) means "may not"; any other failure is the connection's and goes to
     * the caller like every other.
     */
    static boolean setIfAllowed(Connection connection, String set) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(set);
            return true;
        } catch (SQLException e) {
            if (MariaDbErrors.mostSpecific(e).getErrorCode() == ACCESS_DENIED) {
                return false;
            }
            throw e;
        }
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure: the failure is what gets reported
        }
    }
}
