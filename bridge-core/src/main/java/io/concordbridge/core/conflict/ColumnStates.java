package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state an apply leaves for a table that merges per column ({@link TablePolicy#mergesColumns}),
 * when the change carries its column stamps. The row is two kinds of last-writer-wins registers,
 * merged independently: whether it exists (the later of the local stamp and the change's, a delete
 * as well as a write), and each column (the value of the later of its two stamps). A tombstone
 * keeps the deleted row and its column stamps, so a later concurrent write revives the row with
 * the latest value of every column. Merging registers gives the same state whatever the order in
 * which a leader receives the versions, with any number of leaders. "Later" is the table's order:
 * by precedence with leader priority, by stamp otherwise.
 *
 * <p>Counter columns are no registers: they take the value the detection and resolution computed
 * (the local value plus the change's delta). Detection and resolution still run first, for the
 * conflict record and for counters; this decides the row. Pure and stateless.
 */
final class ColumnStates {

    private ColumnStates() {
    }

    /**
     * The state after applying {@code c} to {@code local}, where {@code proposed} is what detection
     * and resolution made of it; {@code proposed} itself where columns are not merged this way.
     */
    static LocalRow next(LocalRow local, Change c, LocalRow proposed, TablePolicy p) {
        if (!p.mergesColumns() || c.cells() == null || c.stamp() == null) {
            return proposed;
        }
        boolean changeLater = local.stamp() == null || p.outranks(c.stamp(), local.stamp());
        boolean exists = changeLater ? c.op() != Op.DELETE : local.present();
        Stamp stamp = changeLater ? c.stamp() : local.stamp();
        Map<String, Object> mine = local.present() ? local.row() : local.last();
        Map<String, Object> theirs = c.op() == Op.DELETE ? c.before() : c.after();
        Set<String> columns = new LinkedHashSet<>(theirs.keySet());
        if (mine != null) {
            columns.addAll(mine.keySet());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Stamp> stamps = new LinkedHashMap<>();
        for (String col : columns) {
            boolean haveMine = mine != null && mine.containsKey(col);
            boolean haveTheirs = theirs.containsKey(col);
            Stamp sm = haveMine ? mineStamp(local, col) : null;
            Stamp st = c.cells().of(col);
            boolean takeTheirs = !haveMine || haveTheirs && st != null && (sm == null || p.outranks(st, sm));
            Object value = takeTheirs ? theirs.get(col) : mine.get(col);
            if (p.isCounter(col) && proposed.row() != null && proposed.row().containsKey(col)) {
                value = proposed.row().get(col);
            }
            row.put(col, value);
            stamps.put(col, takeTheirs ? st : sm);
        }
        Cells cells = new Cells(stamps);
        return exists ? LocalRow.of(row, stamp, cells) : LocalRow.tombstone(stamp, cells, row);
    }

    /** A local column's stamp: its own where kept, else the row's (a row written before column stamps were). */
    private static Stamp mineStamp(LocalRow local, String col) {
        Cells cells = local.cells();
        return cells != null && cells.stamps().containsKey(col) ? cells.of(col) : local.stamp();
    }
}
