package io.concordbridge.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One writer thread per leader inserting {@code rows} rows of its own into an {@code events (id,
 * origin, payload)} table, in transactions of 1 row and now and then 5, counting what it committed.
 */
final class EventWriters {

    private EventWriters() {
    }

    static List<Thread> start(ClusterFixture fx, List<String> leaders, String table, int rows, long pauseMillis,
                              AtomicInteger written) {
        List<Thread> writers = new ArrayList<>();
        int n = 0;
        for (String leader : leaders) {
            long base = ++n * 1_000_000L;
            Thread t = new Thread(() -> {
                try (Connection c = fx.leader(leader).connect(); PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + table + " (id, origin, payload) VALUES (?, ?, ?)")) {
                    c.setAutoCommit(false);
                    int i = 0;
                    while (i < rows) {
                        int inTx = (i % 100 == 0) ? 5 : 1;
                        for (int k = 0; k < inTx && i < rows; k++, i++) {
                            ps.setLong(1, base + i);
                            ps.setString(2, leader);
                            ps.setString(3, "row " + i);
                            ps.executeUpdate();
                        }
                        c.commit();
                        written.addAndGet(inTx);
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer-" + leader);
            t.start();
            writers.add(t);
        }
        return writers;
    }
}
