package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for test transactions and changes. */
public final class Changes {

    /** Micros of the last stamp given to an unstamped change (tests that stamp by hand keep to other ranges). */
    private static final AtomicLong STAMPS = new AtomicLong(1_000_000_000_000_000L);

    private Changes() {
    }

    public static OriginTransaction tx(String origin, long seq, Change... changes) {
        return tx(origin, seq, List.of(changes));
    }

    /**
     * A transaction; changes without a stamp get the next stamp of a counter shared by all tests (the
     * origin's), so stamps grow in the order transactions are built, as the origins' clocks would.
     */
    public static OriginTransaction tx(String origin, long seq, List<Change> changes) {
        List<Change> stamped = changes.stream()
                .map(c -> c.stamp() != null ? c : c.withStamp(new Stamp(STAMPS.incrementAndGet(), origin))).toList();
        return new OriginTransaction(origin, seq, "0-1-" + seq, "binlog.000001:" + (seq * 100),
                1_700_000_000_000L + seq, 1_700_000_000_500L + seq, stamped, null);
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
