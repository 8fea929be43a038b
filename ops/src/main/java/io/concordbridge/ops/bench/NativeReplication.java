package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Native MariaDB replication, GTID based ({@code MASTER_USE_GTID=slave_pos}), from a primary to one
 * replica with the default single SQL thread. {@link #start} is {@code START SLAVE} and waits until
 * both replication threads run; {@link #stop} is {@code STOP SLAVE}. Used by one thread, except
 * {@link #appliedTransactions}.
 */
final class NativeReplication implements Replication {

    private static final long RUNNING_TIMEOUT_MILLIS = 60_000;

    private final LocalMariaDb primary;
    private final LocalMariaDb replica;
    private volatile long baseline;

    private NativeReplication(LocalMariaDb primary, LocalMariaDb replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /** Points the replica at the primary (root over TCP); replication starts with {@link #start}. */
    static NativeReplication setUp(LocalMariaDb primary, LocalMariaDb replica) throws SQLException {
        try (Connection c = replica.connect(); Statement s = c.createStatement()) {
            s.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                    + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos");
        }
        return new NativeReplication(primary, replica);
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public List<LocalMariaDb> servers() {
        return List.of(primary, replica);
    }

    @Override
    public List<LocalMariaDb> origins() {
        return List.of(primary);
    }

    @Override
    public List<LocalMariaDb> targetsOf(LocalMariaDb origin) {
        return List.of(replica);
    }

    @Override
    public void start(String workload, List<String> tables) throws SQLException, InterruptedException {
        baseline = gtidSeq(primary, "gtid_binlog_pos");
        try (Connection c = replica.connect(); Statement s = c.createStatement()) {
            s.execute("START SLAVE");
        }
        long deadline = System.currentTimeMillis() + RUNNING_TIMEOUT_MILLIS;
        while (!running()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the replica did not start replicating from the primary within "
                        + RUNNING_TIMEOUT_MILLIS / 1000 + " s: " + state());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public long appliedTransactions(LocalMariaDb origin, LocalMariaDb target) {
        try {
            return Math.max(0, gtidSeq(replica, "gtid_slave_pos") - baseline);
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public String describeRun(LocalMariaDb origin) {
        return String.format("%s applied %,d origin txs one by one (single SQL thread)", replica.name(),
                appliedTransactions(origin, replica));
    }

    @Override
    public String state() {
        Map<String, String> s = slaveStatus();
        return "Slave_IO_Running=" + s.get("Slave_IO_Running") + ", Slave_SQL_Running=" + s.get("Slave_SQL_Running")
                + ", Last_IO_Error=" + s.get("Last_IO_Error") + ", Last_SQL_Error=" + s.get("Last_SQL_Error");
    }

    @Override
    public void stop() {
        try (Connection c = replica.connect(); Statement s = c.createStatement()) {
            s.execute("STOP SLAVE");
        } catch (SQLException e) {
            throw new IllegalStateException("STOP SLAVE on the replica failed: " + e.getMessage(), e);
        }
    }

    /** How the replica is set up, as server variables. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@slave_parallel_threads, @@log_slave_updates, @@sync_relay_log")) {
            rs.next();
            m.put("slave_parallel_threads", rs.getString(1));
            m.put("log_slave_updates", "1".equals(rs.getString(2)) ? "ON" : "OFF");
            m.put("sync_relay_log", rs.getString(3));
        }
        return m;
    }

    private boolean running() {
        Map<String, String> s = slaveStatus();
        return "Yes".equals(s.get("Slave_IO_Running")) && "Yes".equals(s.get("Slave_SQL_Running"));
    }

    private Map<String, String> slaveStatus() {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (rs.next()) {
                for (String col : List.of("Slave_IO_Running", "Slave_SQL_Running", "Last_IO_Error", "Last_SQL_Error")) {
                    m.put(col, rs.getString(col));
                }
            }
        } catch (SQLException e) {
            m.put("Last_IO_Error", "SHOW SLAVE STATUS failed: " + e.getMessage());
        }
        return m;
    }

    /** The sequence number of GTID domain 0 in a GTID position variable (0 when empty). */
    private static long gtidSeq(LocalMariaDb db, String variable) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@" + variable)) {
            rs.next();
            return domainZeroSeq(rs.getString(1));
        }
    }

    static long domainZeroSeq(String position) {
        if (position == null || position.isBlank()) {
            return 0;
        }
        for (String gtid : position.split(",")) {
            String[] parts = gtid.trim().split("-");
            if (parts.length == 3 && parts[0].equals("0")) {
                return Long.parseLong(parts[2]);
            }
        }
        return 0;
    }
}
