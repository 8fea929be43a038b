package io.concordbridge.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Which open conflicts to list, one page at a time: every filter is optional; pages follow the
 * conflict id ({@code after} is the last id of the previous page), so listing many conflicts holds
 * one page in memory. Immutable; build with {@link #all()} and the {@code with} methods.
 *
 * @param table  {@code db.table}, or null for every table
 * @param rowKey the key as text ({@code id=7}), or null
 * @param type   a conflict type ({@code update_differing}), or null
 * @param minAge only conflicts stored at least this long ago, or null
 * @param after  the last conflict id of the previous page, or null for the first page
 * @param limit  most conflicts in the page, 1..{@value #MAX_LIMIT}
 */
public record ConflictQuery(String table, String rowKey, String type, Duration minAge, String after, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public ConflictQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ConflictException(ConflictException.Reason.INVALID,
                    "limit=" + limit + ": must be 1.." + MAX_LIMIT);
        }
        if (minAge != null && minAge.isNegative()) {
            throw new ConflictException(ConflictException.Reason.INVALID, "min age must not be negative");
        }
    }

    public static ConflictQuery all() {
        return new ConflictQuery(null, null, null, null, null, DEFAULT_LIMIT);
    }

    public ConflictQuery withTable(String t) {
        return new ConflictQuery(t, rowKey, type, minAge, after, limit);
    }

    public ConflictQuery withRowKey(String k) {
        return new ConflictQuery(table, k, type, minAge, after, limit);
    }

    public ConflictQuery withType(String t) {
        return new ConflictQuery(table, rowKey, t, minAge, after, limit);
    }

    public ConflictQuery withMinAge(Duration age) {
        return new ConflictQuery(table, rowKey, type, age, after, limit);
    }

    public ConflictQuery after(String conflictId) {
        return new ConflictQuery(table, rowKey, type, minAge, conflictId, limit);
    }

    public ConflictQuery withLimit(int n) {
        return new ConflictQuery(table, rowKey, type, minAge, after, n);
    }

    /** The next page's query, after the last conflict of {@code page}. */
    public ConflictQuery next(java.util.List<StoredConflict> page) {
        Objects.requireNonNull(page, "page");
        return page.isEmpty() ? this : after(page.get(page.size() - 1).conflictId());
    }
}
