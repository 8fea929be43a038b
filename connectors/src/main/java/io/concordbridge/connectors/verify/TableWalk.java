package io.concordbridge.connectors.verify;

import io.concordbridge.connectors.apply.mariadb.TableSchema;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.Values;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A merge of the leaders' key-ordered streams of one table: at each step the smallest current
 * key is compared across the leaders that have it, and those leaders move on. A leader whose
 * stream fails is recorded and leaves the walk; the others go on. Holds one row per leader.
 * Single use, not thread-safe.
 */
final class TableWalk {

    private static final int CLOCK_EVERY = 1024;

    private final TableId table;
    private final TableSchema schema;
    private final List<LeaderCursor> active;
    private final VerifyOptions options;
    private final Consumer<String> progress;
    private final LongSupplier nanoClock;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final List<KeyDifference> differences = new ArrayList<>();
    private long differing;

    TableWalk(TableSchema schema, List<LeaderCursor> cursors, VerifyOptions options, Consumer<String> progress,
              LongSupplier nanoClock) {
        this.table = schema.table();
        this.schema = schema;
        this.active = new ArrayList<>(cursors);
        this.options = options;
        this.progress = progress;
        this.nanoClock = nanoClock;
    }

    TableResult run(Map<String, String> earlierErrors) {
        for (LeaderCursor c : List.copyOf(active)) {
            try {
                c.start(options.fetchSize());
                c.advance();
            } catch (SQLException e) {
                fail(c, e);
            }
        }
        long start = nanoClock.getAsLong();
        long lastReport = start;
        long keys = 0;
        for (List<Object> key = smallestKey(); key != null; key = smallestKey()) {
            compare(key);
            keys++;
            if (keys % CLOCK_EVERY == 0) {
                long now = nanoClock.getAsLong();
                if (now - lastReport >= options.progressInterval().toNanos()) {
                    lastReport = now;
                    progress.accept(String.format("%s: %,d keys compared (%,.0f keys/s)", table, keys,
                            keys * 1e9 / Math.max(1, now - start)));
                }
            }
        }
        active.forEach(c -> rows.put(c.leader(), c.rows()));
        Map<String, String> allErrors = new LinkedHashMap<>(earlierErrors);
        allErrors.putAll(errors);
        return new TableResult(table, rows, differing, differences, allErrors, null);
    }

    private List<Object> smallestKey() {
        List<Object> min = null;
        for (LeaderCursor c : active) {
            if (c.hasRow() && (min == null || KeyOrder.INSTANCE.compare(c.key(), min) < 0)) {
                min = c.key();
            }
        }
        return min;
    }

    private void compare(List<Object> key) {
        List<LeaderCursor> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (LeaderCursor c : active) {
            if (c.hasRow() && KeyOrder.INSTANCE.compare(c.key(), key) == 0) {
                present.add(c);
            } else {
                missing.add(c.leader());
            }
        }
        List<List<LeaderCursor>> groups = groupByValues(present);
        if (!missing.isEmpty() || groups.size() > 1) {
            differing++;
            if (differences.size() < options.maxReportedKeys()) {
                differences.add(new KeyDifference(describeKey(key), missing,
                        groups.stream().map(g -> g.stream().map(LeaderCursor::leader).toList()).toList(),
                        differingColumns(present)));
            }
        }
        for (LeaderCursor c : present) {
            try {
                c.advance();
            } catch (SQLException e) {
                fail(c, e);
            }
        }
    }

    private static List<List<LeaderCursor>> groupByValues(List<LeaderCursor> present) {
        List<List<LeaderCursor>> groups = new ArrayList<>();
        for (LeaderCursor c : present) {
            List<LeaderCursor> group = groups.stream().filter(g -> sameRow(g.get(0).row(), c.row()))
                    .findFirst().orElse(null);
            if (group == null) {
                groups.add(new ArrayList<>(List.of(c)));
            } else {
                group.add(c);
            }
        }
        return groups;
    }

    private List<String> differingColumns(List<LeaderCursor> present) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            for (LeaderCursor c : present) {
                if (!Values.same(present.get(0).row()[i], c.row()[i])) {
                    columns.add(schema.columns().get(i).name());
                    break;
                }
            }
        }
        return columns;
    }

    private static boolean sameRow(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!Values.same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    private String describeKey(List<Object> key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(schema.keyColumns().get(i)).append('=').append(Values.describe(key.get(i)));
        }
        return sb.toString();
    }

    private void fail(LeaderCursor c, SQLException e) {
        errors.put(c.leader(), "reading stopped after " + c.rows() + " rows: " + e.getMessage());
        active.remove(c);
        c.close();
    }
}
