package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.LocalRow;
import io.concordbridge.core.conflict.Resolver;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.conflict.UniqueClash;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds what made a row statement fail on a unique index: the other row (a different primary key)
 * that holds the same values of one of the table's secondary unique indexes. MariaDB reports such a
 * clash as error 1062, or as 1048 when the upsert's key guard ({@link RowShape#sql()}) refused to
 * rewrite the other row's key. The other row is locked and read with its version, and the clash
 * becomes a {@code unique_violation} conflict with both rows. Used once per failed change.
 */
final class UniqueClashes {

    private final Connection connection;
    private final TableCache tables;
    private final RowVersions versions;
    private final Map<RowRef, Slot> view;
    private final Function<TableId, TablePolicy> policies;

    UniqueClashes(Connection connection, TableCache tables, RowVersions versions, Map<RowRef, Slot> view,
                  Function<TableId, TablePolicy> policies) {
        this.connection = connection;
        this.tables = tables;
        this.versions = versions;
        this.view = view;
        this.policies = policies;
    }

    /** Whether a failure may be a unique clash (then the batch is retried carefully, change by change). */
    static boolean uniqueLike(RowFailure f) {
        java.sql.SQLException e = f.sqlCause();
        if (e == null) {
            return false;
        }
        int code = MariaDbErrors.mostSpecific(e).getErrorCode();
        return code == 1062 || code == 1048;
    }

    /** The clash of one of the change's upserts as a recorded conflict, or null when no other row holds its values. */
    ConflictRecords.Met find(OriginTransaction tx, Change c, List<BatchApply.Upsert> upserts) throws RowFailure {
        try {
            for (BatchApply.Upsert u : upserts) {
                ConflictRecords.Met met = find(u.part(), u.row());
                if (met != null) {
                    return met;
                }
            }
            return null;
        } catch (SQLException e) {
            throw new RowFailure(tx, c, true, 1, null, e);
        }
    }

    private ConflictRecords.Met find(Change part, Map<String, Object> row) throws SQLException {
        TableSchema schema = tables.schema(connection, part.table(), row.keySet());
        RowRef own = RowRef.of(part.key());
        for (UniqueIndex index : tables.uniqueIndexes(connection, part.table())) {
            List<Object> values = new ArrayList<>();
            for (String col : index.columns()) {
                values.add(row.get(col));
            }
            if (values.contains(null)) {
                continue;
            }
            for (Map.Entry<RowRef, Map<String, Object>> other
                    : RowLocks.lockWhere(connection, schema, index.columns(), values).entrySet()) {
                if (!other.getKey().equals(own)) {
                    return clash(part, index, schema, other.getKey(), other.getValue());
                }
            }
        }
        return null;
    }

    private ConflictRecords.Met clash(Change part, UniqueIndex index, TableSchema schema, RowRef ref,
                                      Map<String, Object> row) throws SQLException {
        List<Object> key = new ArrayList<>();
        schema.keyColumns().forEach(k -> key.add(row.get(k)));
        Conflict conflict = Conflict.uniqueViolation(part, new UniqueClash(index.name(), new RowKey(part.table(), key)),
                otherVersion(ref, row));
        Decision decision = Resolver.resolve(conflict, policies.apply(part.table()));
        Slot own = view.get(RowRef.of(part.key()));
        return new ConflictRecords.Met(conflict, decision, part.keyColumns(), own == null ? null : own.local.row());
    }

    /** The other row's version: from the view when the batch touched it, else as stored (null stamp when unknown). */
    private LocalRow otherVersion(RowRef ref, Map<String, Object> row) throws SQLException {
        Slot slot = view.get(ref);
        if (slot != null) {
            return slot.local;
        }
        Slot read = Slot.read(ref, row, versions.lock(connection, List.of(ref)).get(ref));
        return read.local;
    }
}
