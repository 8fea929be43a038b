package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.TableId;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A conflict met while applying a change: its type, the row's key, the base the remote change was
 * made from, and both versions. Conflicts are values, never exceptions. Immutable.
 *
 * <p>For {@link ConflictType#UNIQUE_VIOLATION}, {@code local} is the version of the <em>other</em>
 * row, the one holding the unique value, and {@code unique} names the index and that row's key.
 *
 * @param type   what kind of conflict
 * @param table  the table
 * @param key    the key of the row the remote change writes
 * @param base   the remote change's before image (null for an insert): the version both sides started from
 * @param local  the version found at the applying leader
 * @param remote the version the incoming change writes
 * @param unique for {@link ConflictType#UNIQUE_VIOLATION} the index and the other key; null otherwise
 */
public record Conflict(ConflictType type, TableId table, RowKey key, Map<String, Object> base, Version local,
                       Version remote, UniqueClash unique) {

    public Conflict {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        base = LocalRow.copy(base);
        if ((type == ConflictType.UNIQUE_VIOLATION) != (unique != null)) {
            throw new IllegalArgumentException("a unique clash is given for, and only for, " + ConflictType.UNIQUE_VIOLATION);
        }
    }

    public Conflict(ConflictType type, TableId table, RowKey key, Map<String, Object> base, Version local,
                    Version remote) {
        this(type, table, key, base, local, remote, null);
    }

    /** The conflict of applying {@code change} onto {@code local}. */
    public static Conflict of(ConflictType type, Change change, LocalRow local) {
        return new Conflict(type, change.table(), change.key(), change.before(), Version.of(local), Version.of(change));
    }

    /**
     * A unique violation: {@code change} could not be written because the row at {@code clash.otherKey()},
     * found as {@code other}, holds the same value of {@code clash.index()}.
     */
    public static Conflict uniqueViolation(Change change, UniqueClash clash, LocalRow other) {
        return new Conflict(ConflictType.UNIQUE_VIOLATION, change.table(), change.key(), change.before(),
                Version.of(other), Version.of(change), clash);
    }

    /**
     * An id that is the same on every leader that meets this conflict: at M (local A, remote B) and at
     * O (local B, remote A) alike. Built from the table, the key (for a unique violation, both keys,
     * unordered) and the unordered pair of the two versions' stamps; 32 hex digits.
     */
    public String conflictId() {
        return ConflictId.of(this);
    }

    /**
     * The one leader that acts on this conflict where one action must stand for every leader (runs
     * its handler, sends its notification): the first in {@code order} of the two leaders whose
     * versions conflict, a version that predates the bridge counting as {@code here}'s; leaders not
     * in {@code order} rank after those in it, and a tie goes to the name that sorts first.
     */
    public String decidingLeader(List<String> order, String here) {
        String l = local.leader() == null ? here : local.leader();
        String r = remote.leader() == null ? here : remote.leader();
        int byRank = Integer.compare(rank(order, l), rank(order, r));
        return byRank < 0 || byRank == 0 && l.compareTo(r) <= 0 ? l : r;
    }

    private static int rank(List<String> order, String leader) {
        int i = order.indexOf(leader);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** What the apply reported beyond the versions: the unique index and the other key; empty otherwise. */
    public String detail() {
        return unique == null ? "" : unique.describe();
    }
}
