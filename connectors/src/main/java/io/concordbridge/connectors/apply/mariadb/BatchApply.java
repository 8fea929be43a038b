package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.conflict.AppliedState;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.Detection;
import io.concordbridge.core.conflict.Detector;
import io.concordbridge.core.conflict.LocalRow;
import io.concordbridge.core.conflict.Resolver;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.Values;
import io.concordbridge.core.pipeline.AwaitCaptureException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One attempt at applying a batch, inside the applier's open transaction (after the checkpoint):
 * {@link #lock} every row the batch touches (on a retry after a wait for the capture, holding them
 * until the capture has passed them, {@link CaptureWait#hold}) and its version, then {@link #walk} the changes in
 * order over an in-memory view of those rows (detect, wait for the capture or settle unknown
 * stamps, resolve, queue the row statements), then {@link #finish}: send the rows, the row versions
 * and the conflict records. Row statements stay batched; the view, not the database, is what later
 * changes of the same row are detected against.
 *
 * <p>The first {@link Attempt} takes the keys the batch first inserts as new without reading them; the
 * applier makes the batch again reading every row where a duplicate key proved one was not. Change
 * by change (the attempt after a batched statement hit a unique index) each change is written at once
 * behind a savepoint; a change whose row clashes with another row on a secondary unique index is
 * rolled back to it, recorded as a {@code unique_violation} and skipped ({@link UniqueClashes}). Used
 * once, by one thread.
 */
final class BatchApply {

    /** How an attempt reads and writes; the applier goes down the list as duplicate keys require. */
    enum Attempt {
        /**
         * Keys the batch first touches with an insert are taken as new, neither their rows nor their versions read
         * (unless the batch holds its rows for the capture): the plain INSERTs of row and version fail with a
         * duplicate key where that is untrue.
         */
        NEW_KEYS_UNREAD,
        /** Every row and version the batch touches is read under lock first. */
        EVERY_ROW_READ,
        /** Every row read, and each change written at once behind a savepoint. */
        CHANGE_BY_CHANGE
    }

    private static final String SAVEPOINT = "SAVEPOINT concord_change";
    private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT concord_change";

    private final String target;
    private final Connection connection;
    private final RowWriter writer;
    private final TableCache tables;
    private final Function<TableId, TablePolicy> policies;
    private final RowVersions versions;
    private final ConflictRecords records;
    private final CaptureWait wait;
    private final Attempt attempt;
    private final boolean careful;
    private final Set<OriginTransaction> resolving;
    private final Map<RowRef, Slot> view = new HashMap<>();
    private final Map<RowRef, RowVersions.Entry> written = new LinkedHashMap<>();
    private final List<ConflictRecords.Met> met = new ArrayList<>();
    /** Careful mode: the upserts of the change in hand, to find the clash after a failure. */
    private final List<Upsert> upserts = new ArrayList<>();

    record Upsert(Change part, Map<String, Object> row) {
    }

    BatchApply(String target, Connection connection, RowWriter writer, TableCache tables,
               Function<TableId, TablePolicy> policies, RowVersions versions, ConflictRecords records,
               CaptureWait wait, Attempt attempt, Set<OriginTransaction> resolving) {
        this.target = target;
        this.connection = connection;
        this.writer = writer;
        this.tables = tables;
        this.policies = policies;
        this.versions = versions;
        this.records = records;
        this.wait = wait;
        this.attempt = attempt;
        this.careful = attempt == Attempt.CHANGE_BY_CHANGE;
        this.resolving = resolving;
    }

    private final List<String> resolvedTables = new ArrayList<>();
    private int unread;

    /** Notes that a resolution of a conflict of {@code table} was applied in this batch. */
    void resolved(String table) {
        resolvedTables.add(table);
    }

    /** The tables of the resolutions applied in this batch, one entry each. */
    List<String> resolvedTables() {
        return resolvedTables;
    }

    /** Whether {@link #lock} took keys as new without reading them. */
    boolean tookUnread() {
        return unread > 0;
    }

    /** The conflicts met, once {@link #walk} returned. */
    List<ConflictRecords.Met> conflicts() {
        return met;
    }

    /**
     * Locks and reads, per table in name order, the rows of every key the batch touches (before and
     * after keys), then their stored versions. In the {@link Attempt#NEW_KEYS_UNREAD} attempt (when not
     * holding for the capture) a key the batch first touches with an insert is read neither way: it is
     * taken as new ({@link Slot#unread}), and its row and its version go out as plain INSERTs, which fail
     * with a duplicate key where it has a row after all (a local insert the capture has not recorded
     * yet) or a version (a delete's tombstone); the applier then makes the batch again reading every
     * row. A batch of new keys, the bulk of an insert load, so reads nothing.
     *
     * @throws RowFailure naming the first change of a table that cannot be read (missing table,
     *                    lock wait, a key value of no Values type)
     */
    void lock(List<OriginTransaction> txs) throws RowFailure, AwaitCaptureException, SQLException {
        Map<TableId, Keys> byTable = new TreeMap<>();
        for (OriginTransaction tx : txs) {
            for (Change c : tx.changes()) {
                check(tx, c);
                Keys keys = byTable.computeIfAbsent(c.table(), t -> new Keys(tx, c));
                try {
                    keys.add(c.beforeKey().values(), c.op() == Op.INSERT);
                    keys.add(c.key().values(), c.op() == Op.INSERT);
                } catch (IllegalArgumentException e) {
                    throw RowWriter.refused(tx, c, "a key value: " + e.getMessage());
                }
            }
        }
        boolean skipInserted = attempt == Attempt.NEW_KEYS_UNREAD && !wait.holding();
        Map<RowRef, Map<String, Object>> rows = new HashMap<>();
        for (Map.Entry<TableId, Keys> e : byTable.entrySet()) {
            Keys keys = e.getValue();
            try {
                keys.schema = tables.schema(connection, e.getKey(), columns(keys.first));
                if (!keys.schema.keyColumns().equals(keys.first.keyColumns())) {
                    throw RowWriter.refused(keys.tx, keys.first, "the primary key of " + e.getKey() + " on " + target
                            + " is (" + String.join(", ", keys.schema.keyColumns()) + "), the change's is ("
                            + String.join(", ", keys.first.keyColumns()) + "); make the table definitions match");
                }
                rows.putAll(RowLocks.lock(connection, keys.schema, skipInserted ? keys.read() : keys.values.values()));
            } catch (SQLException ex) {
                throw new RowFailure(keys.tx, keys.first, true, 1, null, ex);
            } catch (IllegalArgumentException ex) {
                throw RowWriter.refused(keys.tx, keys.first, "a key value: " + ex.getMessage());
            }
        }
        List<RowRef> refs = new ArrayList<>();
        for (Keys keys : byTable.values()) {
            for (RowRef ref : keys.values.keySet()) {
                if (skipInserted && keys.inserted.contains(ref)) {
                    view.put(ref, Slot.unread(ref));
                    unread++;
                } else {
                    refs.add(ref);
                }
            }
        }
        if (wait.holding() && !wait.hold(connection)) {
            Keys first = byTable.values().iterator().next();
            throw wait.await(first.first.table() + " key " + ApplyFailures.key(first.first.keyColumns(),
                    first.first.key().values()) + " and the batch's other rows were held locked for the capture"
                    + " to record the local writes before them, until it stood still " + CaptureWait.STALL_MILLIS
                    + " ms or " + CaptureWait.HOLD_MAX_MILLIS + " ms went by (origin " + first.tx.origin()
                    + " seq " + first.tx.seq() + ")");
        }
        Map<RowRef, RowVersions.Stored> stored = versions.lock(connection, refs);
        for (RowRef ref : refs) {
            view.put(ref, Slot.read(ref, rows.get(ref), stored.get(ref)));
        }
    }

    /** Detects, decides and queues every change in order. */
    void walk(List<OriginTransaction> txs) throws RowFailure, AwaitCaptureException, SQLException {
        for (OriginTransaction tx : txs) {
            for (Change c : tx.changes()) {
                if (careful) {
                    carefully(tx, c);
                } else {
                    for (Change part : parts(c)) {
                        step(tx, c, part);
                    }
                }
            }
        }
    }

    /**
     * Sends the queued rows, then the row versions (a plain INSERT for the keys taken as new, which fails where one
     * is stored after all) and the conflict records.
     */
    void finish() throws RowFailure, SQLException {
        writer.flush();
        // in key order, as every lane writes them (TimSort is near linear on the mostly ordered batch)
        List<RowVersions.Entry> inKeyOrder = new ArrayList<>(written.values());
        inKeyOrder.sort(Comparator.comparing(RowVersions.Entry::row));
        List<RowVersions.Entry> fresh = new ArrayList<>(unread);
        List<RowVersions.Entry> stored = new ArrayList<>(inKeyOrder.size() - fresh.size());
        for (RowVersions.Entry e : inKeyOrder) {
            (view.get(e.row()).unread ? fresh : stored).add(e);
        }
        versions.insert(connection, fresh);
        versions.overwrite(connection, stored);
        records.write(connection, met);
    }

    private void step(OriginTransaction tx, Change c, Change part) throws RowFailure, AwaitCaptureException {
        RowRef ref = RowRef.of(part.key());
        Slot slot = view.get(ref);
        TablePolicy policy = policyOf(tx, part);
        Detection d = detect(tx, c, part, slot.local, policy);
        // A row waits for the capture when a local write may hide behind it: an unknown row with a
        // version that no longer matches or in conflict, and any row absent under the lock where a
        // local delete (or key-moving update) of its table lies past the capture's position, since a
        // local insert and delete of the key not recorded yet leave it absent, with no version or
        // with the tombstone of an earlier delete that then only looks current.
        if (!slot.known && (d instanceof Detection.Conflicted || slot.dirty)
                || slot.found == null && mayHideRemoval(tx, c, part)) {
            boolean passed;
            try {
                passed = wait.passed(connection);
            } catch (SQLException e) {
                throw new RowFailure(tx, c, true, 1, null, e);
            }
            if (!passed) {
                throw wait.await(c.table() + " key " + ApplyFailures.key(part.keyColumns(),
                        part.key().values()) + " was changed by a local write whose stamp is not recorded yet"
                        + " (origin " + tx.origin() + " seq " + tx.seq() + ")");
            }
            if (!slot.known) {
                // a known row (a tombstone) was read after the capture had recorded every local write before the lock
                slot.settle(target);
                d = detect(tx, c, part, slot.local, policy);
            }
        }
        LocalRow next;
        if (d instanceof Detection.Apply a) {
            next = a.applyTo(slot.local);
        } else if (d instanceof Detection.Noop n) {
            next = n.applyTo(slot.local);
        } else {
            Detection.Conflicted conflicted = (Detection.Conflicted) d;
            Decision decision = resolve(tx, c, conflicted, policy);
            String resolvedBy = decision.store() ? resolvedBy(tx, c, conflicted) : null;
            if (resolvedBy != null) {
                next = slot.local;
                decision = new Decision(Decision.Outcome.KEEP_LOCAL, null, slot.local.stamp(), "resolution",
                        "the remote version was already resolved here: " + resolvedBy, false);
            } else {
                next = AppliedState.next(slot.local, part, decision.applyTo(slot.local), policy);
            }
            met.add(new ConflictRecords.Met(conflicted.conflict(), decision, part.keyColumns(), next.row()));
        }
        if (!(d instanceof Detection.Conflicted)) {
            next = AppliedState.next(slot.local, part, next, policy);
        }
        write(tx, c, part, slot, next);
    }

    /**
     * The table's policy; for a transaction that resolves a stored conflict, last writer wins without
     * counters (a resolution sets the row; two resolutions of one conflict converge on the later).
     */
    private TablePolicy policyOf(OriginTransaction tx, Change part) {
        TablePolicy p = policies.apply(part.table());
        return resolving.contains(tx) ? p.withResolve(ResolveMode.LAST_WRITER_WINS).withCounters(List.of()) : p;
    }

    /** The statements that take a row from its state in the view to {@code next}, and its new version. */
    private void write(OriginTransaction tx, Change c, Change part, Slot slot, LocalRow next) throws RowFailure {
        Map<String, Object> was = slot.local.row();
        Map<String, Object> now = next.row();
        boolean rowChanged = now == null ? was != null : was == null || !same(was, now);
        if (rowChanged && now != null && slot.unread && was == null) {
            writer.insert(tx, c, now);
        } else if (rowChanged && now != null) {
            writer.upsert(tx, c, now);
            if (careful) {
                upserts.add(new Upsert(part, now));
            }
        } else if (rowChanged) {
            writer.delete(tx, c, part.key().values());
        }
        if (next.stamp() != null && (rowChanged || !slot.known || !next.stamp().equals(slot.local.stamp())
                || next.tombstone() != slot.local.tombstone() || !Objects.equals(next.cells(), slot.local.cells())
                || keptChanged(slot.local.last(), next.last()))) {
            written.put(slot.ref, new RowVersions.Entry(slot.ref, next.stamp(), now == null ? null : RowHash.of(now),
                    next.cells(), next.last()));
        }
        slot.local = next;
        slot.known = true;
        slot.dirty = false;
    }

    /**
     * Careful mode: the change's statements go out at once behind a savepoint; a unique clash rolls
     * back to it, leaves the view as it was and records the clash instead.
     */
    private void carefully(OriginTransaction tx, Change c) throws RowFailure, AwaitCaptureException, SQLException {
        List<Change> parts = parts(c);
        Map<RowRef, Slot.Saved> saved = new HashMap<>();
        Map<RowRef, RowVersions.Entry> savedVersions = new HashMap<>();
        for (Change part : parts) {
            RowRef ref = RowRef.of(part.key());
            saved.put(ref, view.get(ref).save());
            savedVersions.put(ref, written.get(ref));
        }
        int metBefore = met.size();
        upserts.clear();
        execute(SAVEPOINT);
        try {
            for (Change part : parts) {
                step(tx, c, part);
            }
            writer.flush();
        } catch (RowFailure f) {
            writer.discard();
            if (!UniqueClashes.uniqueLike(f) || upserts.isEmpty()) {
                throw f;
            }
            execute(ROLLBACK_TO_SAVEPOINT);
            saved.forEach((ref, s) -> view.get(ref).restore(s));
            savedVersions.forEach((ref, e) -> {
                if (e == null) {
                    written.remove(ref);
                } else {
                    written.put(ref, e);
                }
            });
            met.subList(metBefore, met.size()).clear();
            ConflictRecords.Met clash = new UniqueClashes(connection, tables, versions, view, policies)
                    .find(tx, c, upserts);
            if (clash == null) {
                throw f;
            }
            met.add(clash);
        }
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static Detection detect(OriginTransaction tx, Change c, Change part, LocalRow local, TablePolicy policy)
            throws RowFailure {
        try {
            return Detector.detect(part, local, policy);
        } catch (IllegalArgumentException e) {
            throw RowWriter.refused(tx, c, e.getMessage());
        }
    }

    private boolean mayHideRemoval(OriginTransaction tx, Change c, Change part) throws RowFailure {
        try {
            return wait.mayHideRemoval(connection, part.table().toString());
        } catch (SQLException e) {
            throw new RowFailure(tx, c, true, 1, null, e);
        }
    }

    /**
     * The resolution recorded here that was made on the conflict's remote version, described; null if
     * none. A version can arrive after the resolution that closed its conflict (origins apply on
     * lanes of their own): the resolution already decided it, and storing the pair again would open
     * a conflict that only this leader has and no handler decides.
     */
    private String resolvedBy(OriginTransaction tx, Change c, Detection.Conflicted d) throws RowFailure {
        try {
            return records.resolvedBy(connection, d.conflict(), c.keyColumns());
        } catch (SQLException e) {
            throw new RowFailure(tx, c, true, 1, null, e);
        }
    }

    private static Decision resolve(OriginTransaction tx, Change c, Detection.Conflicted d, TablePolicy policy)
            throws RowFailure {
        try {
            return Resolver.resolve(d.conflict(), policy);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw RowWriter.refused(tx, c, "resolving its " + d.type().storageName() + " conflict: " + e.getMessage());
        }
    }

    /** The change as the detector takes it: an update that moves the key is a delete and an insert. */
    static List<Change> parts(Change c) {
        if (c.op() != Op.UPDATE || RowRef.of(c.beforeKey()).equals(RowRef.of(c.key()))) {
            return List.of(c);
        }
        return List.of(new Change(c.table(), Op.DELETE, c.keyColumns(), c.before(), null, c.stamp(), c.cells()),
                new Change(c.table(), Op.INSERT, c.keyColumns(), null, c.after(), c.stamp(), c.cells()));
    }

    private static void check(OriginTransaction tx, Change c) throws RowFailure {
        if (c.keyColumns().isEmpty()) {
            throw RowWriter.refused(tx, c, "the change has no primary key columns; replicated tables need a primary key");
        }
        if (c.stamp() == null) {
            throw RowWriter.refused(tx, c, "the change has no version stamp; the capture stamps every change");
        }
        Map<String, Object> image = c.image();
        for (String key : c.keyColumns()) {
            if (!image.containsKey(key) || c.before() != null && !c.before().containsKey(key)) {
                throw RowWriter.refused(tx, c, "the row image lacks key column " + key);
            }
        }
    }

    private static Iterable<String> columns(Change c) {
        return c.image().keySet();
    }

    /** A tombstone's kept row changed (counters that lost to the delete still add to it). */
    private static boolean keptChanged(Map<String, Object> was, Map<String, Object> now) {
        return was == null ? now != null : now == null || !same(was, now);
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!b.containsKey(e.getKey()) || !Values.same(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The distinct keys of one table in a batch, those of them the batch first touches with an insert, and its first
     * change (to name in errors).
     */
    private static final class Keys {
        final OriginTransaction tx;
        final Change first;
        final Map<RowRef, List<Object>> values = new LinkedHashMap<>();
        final Set<RowRef> inserted = new HashSet<>();
        TableSchema schema;

        Keys(OriginTransaction tx, Change first) {
            this.tx = tx;
            this.first = Objects.requireNonNull(first);
        }

        void add(List<Object> key, boolean insert) {
            RowRef ref = RowRef.of(first.table(), key);
            if (values.putIfAbsent(ref, key) == null && insert) {
                inserted.add(ref);
            }
        }

        /** The keys to read first: all but those first touched by an insert. */
        List<List<Object>> read() {
            List<List<Object>> read = new ArrayList<>(values.size() - inserted.size());
            values.forEach((ref, key) -> {
                if (!inserted.contains(ref)) {
                    read.add(key);
                }
            });
            return read;
        }
    }
}
