package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for test transactions and changes. */
public final class Changes {

    private Changes() {
    }

    public static OriginTransaction tx(String origin, long seq, Change... changes) {
        return tx(origin, seq, List.of(changes));
    }

    public static OriginTransaction tx(String origin, long seq, List<Change> changes) {
        return new OriginTransaction(origin, seq, "0-1-" + seq, "binlog.000001:" + (seq * 100),
                1_700_000_000_000L + seq, 1_700_000_000_500L + seq, changes, null);
    }

    public static Change insert(TableId table, List<String> key, Map<String, Object> after) {
        return new Change(table, Op.INSERT, key, null, after, null);
    }

    public static Change update(TableId table, List<String> key, Map<String, Object> before, Map<String, Object> after) {
        return new Change(table, Op.UPDATE, key, before, after, null);
    }

    public static Change delete(TableId table, List<String> key, Map<String, Object> before) {
        return new Change(table, Op.DELETE, key, before, null, null);
    }

    /** A row image from alternating column names and values (values may be null). */
    public static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
