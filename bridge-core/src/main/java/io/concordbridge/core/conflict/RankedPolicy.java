package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy that ranks the two versions and lets the better one win: the whole row, or, where the
 * policy works per column (detect {@code columns}, or {@link ColumnMerge}), only the columns both
 * sides changed, each side's other changes being kept. A delete always decides the whole row. The
 * result carries the winner's stamp. Subclasses give the order and the words. Stateless.
 */
abstract class RankedPolicy implements Policy {

    /** Why {@code winner} ranks above {@code loser}: {@code later stamp 12@dc2 > 7@dc1}. */
    abstract String why(Version winner, Version loser, TablePolicy p);

    boolean perColumn(TablePolicy p) {
        return p.detect() == DetectMode.COLUMNS;
    }

    @Override
    public Decision decide(Conflict c, TablePolicy p) {
        Version l = c.local();
        Version r = c.remote();
        boolean remoteWins = compare(r, l, p) > 0;
        Version winner = remoteWins ? r : l;
        String verdict = winner.who() + " wins: " + why(winner, remoteWins ? l : r, p);
        if (!perColumn(p) || l.deleted() || r.deleted()) {
            return new Decision(Decision.outcome(winner.row(), l, r), winner.row(), winner.stamp(), name(), verdict,
                    false);
        }
        List<String> contested = new ArrayList<>();
        Map<String, Object> row = perColumn(c, p, remoteWins, contested);
        String reason = contested.isEmpty()
                ? "merged per column: " + l.who() + " and " + r.who() + " changed different columns"
                : "merged per column; where both changed (" + String.join(", ", contested) + ") " + verdict;
        return new Decision(Decision.outcome(row, l, r), row, winner.stamp(), name(), reason, false);
    }

    /** Each column from the side that changed it relative to the base; the winner's where both did. */
    private static Map<String, Object> perColumn(Conflict c, TablePolicy p, boolean remoteWins, List<String> contested) {
        Map<String, Object> l = c.local().row();
        Map<String, Object> r = c.remote().row();
        Map<String, Object> row = new LinkedHashMap<>();
        for (String col : Rows.columns(l, r)) {
            boolean localChanged = Rows.changed(c.base(), l, col);
            boolean remoteChanged = Rows.changed(c.base(), r, col);
            if (localChanged && remoteChanged && !Values.same(l.get(col), r.get(col))) {
                row.put(col, remoteWins ? r.get(col) : l.get(col));
                if (!p.isCounter(col)) {
                    contested.add(col);
                }
            } else {
                row.put(col, remoteChanged ? r.get(col) : l.get(col));
            }
        }
        return row;
    }

    /** Stamp order; an unknown stamp (a row from before the bridge) is older than every stamp. */
    static int byStamp(Version a, Version b) {
        Stamp x = a.stamp();
        Stamp y = b.stamp();
        if (x == null || y == null) {
            return x == y ? 0 : x == null ? -1 : 1;
        }
        return x.compareTo(y);
    }

    static String laterStamp(Version winner, Version loser) {
        return "later stamp " + shown(winner.stamp()) + " > " + shown(loser.stamp());
    }

    static String shown(Stamp s) {
        return s == null ? "none" : s.toString();
    }
}
