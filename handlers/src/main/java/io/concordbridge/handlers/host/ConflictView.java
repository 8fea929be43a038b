package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.Values;
import io.concordbridge.handlers.api.HandlerConflict;
import io.concordbridge.handlers.api.Row;
import io.concordbridge.handlers.api.Side;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Builds the handler's view of a core {@link Conflict}. Stateless. */
final class ConflictView {

    private ConflictView() {
    }

    static HandlerConflict of(Conflict c) {
        boolean localLater = compare(c.local().stamp(), c.remote().stamp()) > 0;
        return new HandlerConflict(c.type().storageName(), c.table().toString(), c.key().values(), row(c.base()),
                side(c.local(), c.base(), localLater), side(c.remote(), c.base(), !localLater),
                c.unique() == null ? null : c.unique().describe());
    }

    private static Side side(Version v, Map<String, Object> base, boolean later) {
        return new Side(v.leader(), v.stamp() == null ? 0 : v.stamp().micros(), row(v.row()), changed(base, v.row()), later);
    }

    /** A missing stamp (a row that predates the bridge) is older than every stamp. */
    private static int compare(Stamp a, Stamp b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /** The columns {@code row} changed from {@code base}: all of the row's for an insert, all of the base's for a delete. */
    static Set<String> changed(Map<String, Object> base, Map<String, Object> row) {
        if (row == null) {
            return base == null ? Set.of() : base.keySet();
        }
        if (base == null) {
            return row.keySet();
        }
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (!base.containsKey(e.getKey()) || !Values.same(base.get(e.getKey()), e.getValue())) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    private static Row row(Map<String, Object> values) {
        return values == null ? null : new Row(values);
    }
}
