package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.Values;

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
 * @param cells     for a table that merges per column: the stamp of each column (of a tombstone: of the
 *                  deleted row's); null when not kept
 * @param last      of a tombstone whose cells are kept: the deleted row, so that a later concurrent update
 *                  revives it with the latest value of each column; null otherwise
 */
public record LocalRow(Map<String, Object> row, Stamp stamp, boolean tombstone, Cells cells, Map<String, Object> last) {

    private static final LocalRow ABSENT = new LocalRow(null, null, false);

    public LocalRow {
        if (tombstone && (row != null || stamp == null)) {
            throw new IllegalArgumentException("a tombstone has no row and has a stamp");
        }
        if (last != null && !tombstone) {
            throw new IllegalArgumentException("only a tombstone keeps the deleted row");
        }
        row = copy(row);
        last = copy(last);
    }

    /** A state without column stamps. */
    public LocalRow(Map<String, Object> row, Stamp stamp, boolean tombstone) {
        this(row, stamp, tombstone, null, null);
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

    /** A row with its column stamps. */
    public static LocalRow of(Map<String, Object> row, Stamp stamp, Cells cells) {
        return new LocalRow(row, stamp, false, cells, null);
    }

    /** A tombstone that keeps the deleted row and its column stamps. */
    public static LocalRow tombstone(Stamp stamp, Cells cells, Map<String, Object> last) {
        return new LocalRow(null, stamp, true, cells, last);
    }

    public boolean present() {
        return row != null;
    }

    /** An unmodifiable copy, shared where already one ({@link Values#frozen}). */
    static Map<String, Object> copy(Map<String, Object> row) {
        return Values.frozen(row);
    }
}
