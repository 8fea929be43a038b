package io.concordbridge.connectors.preflight;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Connects to one leader as the configured user and reads the {@link LeaderFacts} the checks
 * need; needs no privilege beyond logging in. The password goes in the connection properties,
 * never in the URL, so it cannot appear in a driver's message. Stateless.
 */
final class LeaderProbe {

    /** The variables the checks read; {@code version} and {@code lower_case_table_names} for context. */
    static final List<String> VARIABLES = List.of("log_bin", "binlog_format", "binlog_row_image", "server_id",
            "sync_binlog", "innodb_flush_log_at_trx_commit", "lower_case_table_names", "version");

    private static final String MYSQL_ACCESS_DENIED = "28000";

    private LeaderProbe() {
    }

    /** The URL without credentials. */
    static String jdbcUrl(LeaderConfig leader) {
        return "jdbc:mysql://" + hostForUrl(leader.host()) + ":" + leader.port() + "/";
    }

    /**
     * Opens a connection; a failure is described by a {@link Finding} thrown as
     * {@link ProbeFailure}.
     */
    static Connection connect(LeaderConfig leader, Duration timeout) throws ProbeFailure {
        Properties p = new Properties();
        p.setProperty("user", leader.user());
        p.setProperty("password", leader.password().reveal());
        p.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        p.setProperty("socketTimeout", Long.toString(timeout.toMillis() * 6));
        p.setProperty("serverTimezone", "UTC");
        try {
            return DriverManager.getConnection(jdbcUrl(leader), p);
        } catch (SQLException e) {
            throw new ProbeFailure(loginFinding(leader, e));
        }
    }

    static LeaderFacts read(LeaderConfig leader, Connection c, Collection<TableId> tables) throws SQLException {
        Map<String, String> variables = variables(c);
        boolean caseInsensitive = !variables.getOrDefault("lower_case_table_names", "0").equals("0");
        return new LeaderFacts(leader, variables, account(c), grants(c), tables(c, tables, caseInsensitive));
    }

    static Finding loginFinding(LeaderConfig leader, SQLException e) {
        String address = leader.host() + ":" + leader.port();
        if (MYSQL_ACCESS_DENIED.equals(e.getSQLState()) || e.getErrorCode() == 1045) {
            return Finding.error(leader.name(), "login", "user " + leader.user() + " cannot log in to " + address
                    + ": " + firstLine(e.getMessage()) + "; check leaders." + leader.name() + ".user and leaders."
                    + leader.name() + ".password, and that the user may connect from this host");
        }
        return Finding.error(leader.name(), "connection", "cannot connect to " + address + ": " + reason(e)
                + "; check that the server runs and that leaders." + leader.name() + ".host and leaders."
                + leader.name() + ".port point at it");
    }

    /** The driver's first line, with the root cause when it says more ("Connection refused"). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = firstLine(e.getMessage());
        if (root == e || root.getMessage() == null) {
            return first;
        }
        return first + " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Map<String, String> variables(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        String in = String.join(",", VARIABLES.stream().map(v -> "'" + v + "'").toList());
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + in + ")")) {
            while (rs.next()) {
                out.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return out;
    }

    private static String account(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            String u = rs.getString(1);
            int at = u.lastIndexOf('@');
            return at < 0 ? "'" + u + "'" : "'" + u.substring(0, at) + "'@'" + u.substring(at + 1) + "'";
        }
    }

    private static List<String> grants(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<TableId, LeaderFacts.TableFacts> tables(Connection c, Collection<TableId> wanted,
                                                              boolean caseInsensitive) throws SQLException {
        Map<String, TableId> byName = new HashMap<>();
        Set<String> schemas = new HashSet<>();
        for (TableId t : wanted) {
            byName.put(fold(t.schema() + "." + t.table(), caseInsensitive), t);
            schemas.add(fold(t.schema(), caseInsensitive));
        }
        Map<TableId, LeaderFacts.TableFacts> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        Set<TableId> withKey = primaryKeys(c, schemas, byName, caseInsensitive);
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA IN (" + placeholders(schemas.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = byName.get(fold(rs.getString(1) + "." + rs.getString(2), caseInsensitive));
                    if (id != null) {
                        out.put(id, new LeaderFacts.TableFacts(rs.getString(3), rs.getString(4), withKey.contains(id)));
                    }
                }
            }
        }
        return out;
    }

    private static Set<TableId> primaryKeys(Connection c, Set<String> schemas, Map<String, TableId> byName,
                                            boolean caseInsensitive) throws SQLException {
        Set<TableId> out = new HashSet<>();
        // Not TABLE_CONSTRAINTS: MariaDB 10.11 hides its rows from a user with SELECT, INSERT, UPDATE and
        // DELETE on the table (only root-like users see them), so a correctly granted bridge user would
        // see no primary key at all. STATISTICS shows the PRIMARY index to such a user.
        String sql = "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM information_schema.STATISTICS "
                + "WHERE INDEX_NAME = 'PRIMARY' AND TABLE_SCHEMA IN (" + placeholders(schemas.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = byName.get(fold(rs.getString(1) + "." + rs.getString(2), caseInsensitive));
                    if (id != null) {
                        out.add(id);
                    }
                }
            }
        }
        return out;
    }

    private static String fold(String name, boolean caseInsensitive) {
        return caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, Collection<String> values) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
    }

    /** A probe that ended with a finding instead of facts. */
    static final class ProbeFailure extends Exception {
        private final transient Finding finding;

        ProbeFailure(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }

        Finding finding() {
            return finding;
        }
    }
}
