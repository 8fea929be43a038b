package io.concordbridge.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row as an application reads it when it also wants the row's unresolved conflicts: the current
 * row (the provisional winner, the same on every leader) and the open conflicts on its key.
 * Immutable.
 *
 * @param table     {@code db.table}
 * @param rowKey    the key as text
 * @param row       the current row; null when there is none (deleted or never written)
 * @param conflicts the open conflicts on this key, oldest first; empty when there are none
 */
public record RowWithSiblings(String table, String rowKey, Map<String, Object> row, List<StoredConflict> conflicts) {

    public RowWithSiblings {
        conflicts = List.copyOf(conflicts);
    }

    public boolean inConflict() {
        return !conflicts.isEmpty();
    }

    /** Every distinct conflicting version of the row across its open conflicts, by stamp. */
    public List<Sibling> siblings() {
        Map<Object, Sibling> distinct = new LinkedHashMap<>();
        for (StoredConflict c : conflicts) {
            for (Sibling s : c.siblings()) {
                distinct.putIfAbsent(s.stamp() == null ? s : s.stamp(), s);
            }
        }
        List<Sibling> all = new ArrayList<>(distinct.values());
        all.sort((a, b) -> a.stamp() == null ? -1 : b.stamp() == null ? 1 : a.stamp().compareTo(b.stamp()));
        return all;
    }
}
