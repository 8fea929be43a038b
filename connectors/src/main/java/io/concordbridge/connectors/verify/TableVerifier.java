package io.concordbridge.connectors.verify;

import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.connectors.apply.mariadb.MariaDbErrors;
import io.concordbridge.connectors.apply.mariadb.TableSchema;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Compares replicated tables row by row across all leaders, which is how convergence is proven.
 * Each table is read on every leader over its own connection, streamed in primary key order (see
 * {@link VerifyOptions#fetchSize()}), and merged: memory holds one row per leader, whatever the
 * table's size. Rows are compared whole, every column by {@link io.concordbridge.core.model.Values#same}.
 * A leader that cannot be reached or read is reported as such for the table and skipped for the
 * tables after it; the others are still compared. Not thread-safe; one verify at a time.
 */
public final class TableVerifier {

    /**
     * A sort before the first row of a big table can take long, and a stream left unread while
     * another leader's extra rows are walked must not hit the server's net_write_timeout.
     */
    private static final Map<String, String> STREAMING = Map.of(
            "socketTimeout", "3600000",
            "netTimeoutForStreamingResults", "3600");

    private final Map<String, LeaderConfig> leaders;
    private final VerifyOptions options;
    private final Consumer<String> progress;
    private final LongSupplier nanoClock;

    /** @param progress receives a progress line per large table, at most once per progress interval */
    public TableVerifier(Map<String, LeaderConfig> leaders, VerifyOptions options, Consumer<String> progress) {
        this(leaders, options, progress, System::nanoTime);
    }

    public TableVerifier(Map<String, LeaderConfig> leaders) {
        this(leaders, VerifyOptions.defaults(), line -> { });
    }

    TableVerifier(Map<String, LeaderConfig> leaders, VerifyOptions options, Consumer<String> progress,
                  LongSupplier nanoClock) {
        if (leaders.size() < 2) {
            throw new IllegalArgumentException("verify needs at least two leaders, got " + leaders.keySet());
        }
        this.leaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leaders));
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nanoClock = nanoClock;
    }

    public VerifyReport verify(List<TableId> tables) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<TableResult> results = new ArrayList<>();
        for (TableId table : tables) {
            results.add(verify(table, unreachable));
        }
        return new VerifyReport(results);
    }

    private TableResult verify(TableId table, Map<String, String> unreachable) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, TableSchema> schemas = new LinkedHashMap<>();
        List<LeaderCursor> cursors = new ArrayList<>();
        try {
            for (Map.Entry<String, LeaderConfig> leader : leaders.entrySet()) {
                String name = leader.getKey();
                if (unreachable.containsKey(name)) {
                    errors.put(name, "not compared: " + unreachable.get(name));
                    continue;
                }
                Connection connection = connect(leader.getValue(), name, unreachable, errors);
                if (connection == null) {
                    continue;
                }
                Optional<TableSchema> schema = describe(connection, table, name, errors);
                if (schema.isEmpty()) {
                    MariaDbConnections.closeQuietly(connection);
                    continue;
                }
                schemas.put(name, schema.get());
                cursors.add(new LeaderCursor(name, schema.get(), connection));
            }
            String problem = problem(table, schemas);
            if (problem != null) {
                return TableResult.notCompared(table, errors, problem);
            }
            TableSchema schema = schemas.values().iterator().next();
            return new TableWalk(schema, cursors, options, progress, nanoClock).run(errors);
        } finally {
            cursors.forEach(LeaderCursor::close);
        }
    }

    private Connection connect(LeaderConfig leader, String name, Map<String, String> unreachable,
                               Map<String, String> errors) {
        Map<String, String> driverOptions = new LinkedHashMap<>(STREAMING);
        if (options.cursor()) {
            driverOptions.put("useCursorFetch", "true");
        }
        try {
            return MariaDbConnections.open(leader, driverOptions);
        } catch (SQLException e) {
            String why = "cannot connect to " + leader + " as " + leader.user() + ": "
                    + MariaDbErrors.classify(e).what() + " " + MariaDbErrors.describe(e);
            unreachable.put(name, why);
            errors.put(name, why);
            return null;
        }
    }

    private static Optional<TableSchema> describe(Connection connection, TableId table, String name,
                                                  Map<String, String> errors) {
        try {
            Optional<TableSchema> schema = TableSchema.load(connection, table);
            if (schema.isEmpty()) {
                errors.put(name, "table " + table + " does not exist (or the bridge user cannot see it)");
            }
            return schema;
        } catch (SQLException e) {
            errors.put(name, "cannot read the definition of " + table + ": " + MariaDbErrors.describe(e));
            return Optional.empty();
        }
    }

    /** Why the rows cannot be compared at all, or null. */
    private static String problem(TableId table, Map<String, TableSchema> schemas) {
        if (schemas.size() < 2) {
            return "fewer than two leaders could be read";
        }
        Map.Entry<String, TableSchema> first = schemas.entrySet().iterator().next();
        for (Map.Entry<String, TableSchema> other : schemas.entrySet()) {
            if (!other.getValue().shape().equals(first.getValue().shape())) {
                return "the definitions differ: " + first.getKey() + " has (" + first.getValue().shape() + "), "
                        + other.getKey() + " has (" + other.getValue().shape() + ")";
            }
            if (!other.getValue().keyColumns().equals(first.getValue().keyColumns())) {
                return "the primary keys differ: " + first.getKey() + " " + first.getValue().keyColumns() + ", "
                        + other.getKey() + " " + other.getValue().keyColumns();
            }
        }
        if (first.getValue().keyColumns().isEmpty()) {
            return table + " has no primary key; verify compares rows by primary key";
        }
        return null;
    }
}
