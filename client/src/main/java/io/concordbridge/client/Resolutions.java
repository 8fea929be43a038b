package io.concordbridge.client;

import java.util.List;
import java.util.Map;

/** What a {@link Choice} leaves in the table, given the open conflicts on the row. Stateless. */
final class Resolutions {

    private Resolutions() {
    }

    /** The row the choice leaves (null: no row). */
    static Map<String, Object> target(StoredConflict asked, List<StoredConflict> onRow, Choice choice) {
        if (choice instanceof Choice.Row r) {
            return r.row();
        }
        if (choice instanceof Choice.Take t) {
            return newestOf(t.leader(), asked, onRow);
        }
        return null;
    }

    /** A row of the conflict's key: from any sibling, else the base. */
    static Map<String, Object> anyRow(List<StoredConflict> onRow, StoredConflict asked) {
        for (StoredConflict c : onRow) {
            for (Sibling s : c.siblings()) {
                if (s.row() != null) {
                    return s.row();
                }
            }
        }
        if (asked.base() != null) {
            return asked.base();
        }
        throw new ConflictException(ConflictException.Reason.INVALID, "conflict " + asked.conflictId()
                + " holds no row to take its key from");
    }

    private static Map<String, Object> newestOf(String leader, StoredConflict asked, List<StoredConflict> onRow) {
        Sibling best = null;
        for (StoredConflict c : onRow) {
            Sibling s = c.siblingOf(leader).orElse(null);
            if (s != null && (best == null || s.stamp() != null && (best.stamp() == null
                    || s.stamp().compareTo(best.stamp()) > 0))) {
                best = s;
            }
        }
        if (best == null) {
            StringBuilder leaders = new StringBuilder();
            asked.siblings().forEach(s -> leaders.append(leaders.length() == 0 ? "" : ", ").append(s.leader()));
            throw new ConflictException(ConflictException.Reason.INVALID, "no version of " + leader + " in conflict "
                    + asked.conflictId() + "; its versions are from " + leaders);
        }
        return best.row();
    }
}
