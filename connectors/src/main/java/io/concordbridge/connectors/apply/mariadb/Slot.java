package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.conflict.LocalRow;
import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.model.Stamp;

import java.util.Map;

/**
 * The apply's view of one row during a batch: what was read under lock, and the local state the
 * batch has brought it to so far. The stamp of a row read under lock is known when its stored
 * version matches it: the version's hash is the row's hash, or the version is a tombstone and the
 * row is absent. Otherwise a local write the capture has not stamped yet may have changed it
 * ({@link #dirty} when a version is stored but no longer matches, which only a local write does),
 * or the row predates the bridge (no version at all). An absent row's tombstone is current only if no
 * local insert and delete of the key lie past the capture, which the applier checks for every absent
 * row ({@link CaptureWait#mayHideRemoval}). Not thread-safe.
 */
final class Slot {

    final RowRef ref;
    /** The row as read under lock (null: absent, or not read); fixed for the batch. */
    final Map<String, Object> found;
    /**
     * Not read: a key the batch first touches with an insert, taken as new (no row, no stored version). Its row's
     * inserts and its first version are plain INSERTs, which fail where either is there after all.
     */
    final boolean unread;
    LocalRow local;
    boolean known;
    boolean dirty;

    private Slot(RowRef ref, Map<String, Object> found, boolean unread, LocalRow local, boolean known, boolean dirty) {
        this.ref = ref;
        this.found = found;
        this.unread = unread;
        this.local = local;
        this.known = known;
        this.dirty = dirty;
    }

    static Slot read(RowRef ref, Map<String, Object> row, RowVersions.Stored stored) {
        if (stored != null && row == null && stored.deleted()) {
            return new Slot(ref, null, false, new LocalRow(null, stored.stamp(), true, stored.cells(), stored.last()),
                    true, false);
        }
        if (stored != null && row != null && !stored.deleted() && RowHash.matches(stored.hash(), row)) {
            return new Slot(ref, row, false, LocalRow.of(row, stored.stamp(), stored.cells()), true, false);
        }
        LocalRow unknown = row == null ? LocalRow.absent() : LocalRow.of(row, null);
        return new Slot(ref, row, false, unknown, false, stored != null);
    }

    /** A row not read ({@link #unread}): absent as far as the batch knows, with no stored version. */
    static Slot unread(RowRef ref) {
        return new Slot(ref, null, true, LocalRow.absent(), false, false);
    }

    /**
     * The capture has passed every local write made before the lock, and the stamp is still not
     * recorded: the row predates the bridge (or was written without the binlog). It counts as
     * stamped {@code 0@target}, older than every stamped version; an absent row as absent.
     */
    void settle(String target) {
        local = local.present() ? LocalRow.of(local.row(), new Stamp(0, target)) : LocalRow.absent();
        known = true;
        dirty = false;
    }

    /** The state to return to when a change is undone (careful mode). */
    Saved save() {
        return new Saved(local, known, dirty);
    }

    void restore(Saved s) {
        local = s.local;
        known = s.known;
        dirty = s.dirty;
    }

    record Saved(LocalRow local, boolean known, boolean dirty) {
    }
}
