package io.concordbridge.ops.demo;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.Verify;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's conflicts: dc1 and dc2 update the same items at the same moment, so each update
 * meets the other leader's when it arrives; then every conflict the leaders recorded is printed
 * once, with the winner and the policy that chose it.
 */
final class DemoConflicts {

    private static final int FIRST_ID = 100_000;

    private final LocalCluster cluster;
    private final String metaSchema;
    private final PrintStream out;

    DemoConflicts(LocalCluster cluster, String metaSchema, PrintStream out) {
        this.cluster = cluster;
        this.metaSchema = metaSchema;
        this.out = out;
    }

    /** dc1 and dc2 each set a different name and quantity on items FIRST_ID.. at once. */
    void write(int items) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (String leader : List.of("dc1", "dc2")) {
            Thread t = new Thread(() -> update(cluster.leader(leader), go, items), "demo-conflict-" + leader);
            writers.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }
        out.println("  dc1 and dc2 each updated items " + FIRST_ID + ".." + (FIRST_ID + items - 1)
                + " (name and qty) before seeing the other's update");
    }

    private static void update(LocalMariaDb db, CountDownLatch go, int items) {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE shop.items SET name = ?, qty = ? WHERE id = ?")) {
            go.await();
            for (int i = 0; i < items; i++) {
                ps.setString(1, "set on " + db.name());
                ps.setInt(2, db.name().equals("dc1") ? 111 : 222);
                ps.setInt(3, FIRST_ID + i);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo conflict write on " + db.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the conflicting rows are the same everywhere (counts alone do not show it). */
    void awaitIdenticalRows(BridgeConfig config) throws InterruptedException {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Verify.run(config, quiet).identical()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the conflicting rows did not converge within 60 s");
            }
            Thread.sleep(300);
        }
    }

    /** Prints each recorded conflict once (every leader that saw it recorded it under the same id). */
    void print() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (LocalMariaDb db : cluster.leaders().values()) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT conflict_id, tbl, row_key, local_leader, remote_leader, winner, policy,"
                         + " type FROM " + metaSchema + ".conflict_history ORDER BY id")) {
                while (rs.next()) {
                    String a = rs.getString(4);
                    String b = rs.getString(5);
                    String first = a.compareTo(b) <= 0 ? a : b;
                    String second = a.compareTo(b) <= 0 ? b : a;
                    lines.putIfAbsent(rs.getString(1), String.format("  %s %s: %s vs %s → %s wins, %s (%s)",
                            rs.getString(2), rs.getString(3), first, second, rs.getString(6), rs.getString(7),
                            rs.getString(8)));
                }
            } catch (SQLException e) {
                out.println("  (could not read the conflict history of " + db.name() + ": " + e.getMessage() + ")");
            }
        }
        lines.values().forEach(out::println);
        out.println("  " + lines.size() + " conflict(s), each decided the same way on every leader; history in "
                + metaSchema + ".conflict_history on each leader");
    }
}
