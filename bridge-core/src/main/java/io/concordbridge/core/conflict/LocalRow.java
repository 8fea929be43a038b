package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the apply at a leader found for a key, read under lock: the row (or none), its version
 * stamp, and whether a tombstone (a stamped delete) exists. Immutable.
 *
 * <p>A null stamp on a present row means the row predates the bridge (no version was ever
 * recorded); such a row is older than every stamped version. The apply must not pass a row whose
 * stamp it does not know yet because the capture has not stamped a local write: it backs off and
 * retries instead (DESIGN.md, "Detecting conflicts").
 *
 * @param row       column name to value, or null when the row is absent
 * @param stamp     the version stamp of the row or of the tombstone; null when unknown or absent
 * @param tombstone true when the row is absent because a stamped delete removed it
 */
public record LocalRow(Map<String, Object> row, Stamp stamp, boolean tombstone) {

    private static final LocalRow ABSENT = new LocalRow(null, null, false);

    public LocalRow {
        if (tombstone && (row != null || stamp == null)) {
            throw new IllegalArgumentException("a tombstone has no row and has a stamp");
        }
        row = copy(row);
    }

    /** No row and no tombstone: the key was never here, or its insert has not arrived. */
    public static LocalRow absent() {
        return ABSENT;
    }

    public static LocalRow of(Map<String, Object> row, Stamp stamp) {
        return new LocalRow(row, stamp, false);
    }

    public static LocalRow tombstone(Stamp stamp) {
        return new LocalRow(null, stamp, true);
    }

    public boolean present() {
        return row != null;
    }

    static Map<String, Object> copy(Map<String, Object> row) {
        return row == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }
}
