package io.concordbridge.ops.demo;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The demo's sample schema and the writes an application makes on one leader. Each leader
 * writes keys in its own range (leader number × 100,000) so this part of the demo has no
 * conflicts.
 */
final class DemoWorkload {

    static final String[] SCHEMA = {
        "CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4",
        "CREATE TABLE IF NOT EXISTS shop.items (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " qty INT NOT NULL, price DECIMAL(10,2) NOT NULL, updated_at DATETIME(6) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS shop.orders (id BIGINT PRIMARY KEY, item_id INT NOT NULL,"
            + " quantity INT NOT NULL, status ENUM('new','paid','shipped') NOT NULL, placed_at DATETIME(6) NOT NULL)"
    };

    private DemoWorkload() {
    }

    /**
     * On one leader: inserts {@code items} items and an order for each, in transactions of ten,
     * then updates every third item and deletes every tenth order.
     */
    static void write(LocalMariaDb db, int leaderNumber, int round, int items) throws SQLException {
        int base = leaderNumber * 100_000 + round * 10_000;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement item = c.prepareStatement(
                    "INSERT INTO shop.items (id, name, qty, price, updated_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement order = c.prepareStatement(
                    "INSERT INTO shop.orders (id, item_id, quantity, status, placed_at) VALUES (?, ?, ?, 'new', ?)")) {
                for (int i = 0; i < items; i++) {
                    int id = base + i;
                    item.setInt(1, id);
                    item.setString(2, "item " + id + " from " + db.name());
                    item.setInt(3, 10 + i % 7);
                    item.setBigDecimal(4, new java.math.BigDecimal((i % 50) + ".99"));
                    item.setObject(5, LocalDateTime.now());
                    item.executeUpdate();
                    order.setLong(1, id);
                    order.setInt(2, id);
                    order.setInt(3, 1 + i % 3);
                    order.setObject(4, LocalDateTime.now());
                    order.executeUpdate();
                    if (i % 10 == 9) {
                        c.commit();
                    }
                }
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE shop.items SET qty = qty + 1, updated_at = NOW(6) WHERE id BETWEEN "
                        + base + " AND " + (base + items) + " AND id % 3 = 0");
                c.commit();
                s.executeUpdate("DELETE FROM shop.orders WHERE id BETWEEN " + base + " AND " + (base + items)
                        + " AND id % 10 = 0");
                c.commit();
            }
        }
    }

    /** Rows in shop.items and shop.orders, or -1 each when the leader is down. */
    static long[] counts(LocalMariaDb db) {
        if (!db.isRunning()) {
            return new long[]{-1, -1};
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM shop.items), (SELECT COUNT(*) FROM shop.orders)")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[]{-1, -1};
        }
    }
}
