package io.concordbridge.handlers.api;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One side of a conflict as a handler sees it: the version found at the applying leader
 * ({@code local}) or the incoming one ({@code remote}). Immutable.
 *
 * <p>{@link #getStamp()} is the version stamp's microseconds, 0 for a row that predates the bridge
 * (older than every stamped version). {@link #isLater()} orders the two sides by their full stamps,
 * ties broken by leader name, the same way on every leader.
 */
public final class Side {

    private final String leader;
    private final long stamp;
    private final Row row;
    private final Set<String> changed;
    private final boolean later;

    public Side(String leader, long stamp, Row row, Set<String> changed, boolean later) {
        this.leader = leader;
        this.stamp = stamp;
        this.row = row;
        this.changed = Set.copyOf(changed);
        this.later = later;
    }

    /** The leader that wrote this version; null for a row that predates the bridge. */
    public String getLeader() {
        return leader;
    }

    public long getStamp() {
        return stamp;
    }

    /** The row, or null when this side deleted it (or it is absent). */
    public Row getRow() {
        return row;
    }

    public boolean isDeleted() {
        return row == null;
    }

    /**
     * The columns this side changed from the base: every column for an insert (no base), every base
     * column for a delete.
     */
    public Set<String> getChanged() {
        return changed;
    }

    /** True when this side's stamp is the later of the two. */
    public boolean isLater() {
        return later;
    }

    /** {@code getRow().get(column)}, or null when the row is deleted. */
    public Object get(String column) {
        return row == null ? null : row.get(column);
    }

    /** {@code getRow().num(column)}, or null when the row is deleted. */
    public BigDecimal num(String column) {
        return row == null ? null : row.num(column);
    }

    /** {@code getRow().str(column)}, or null when the row is deleted. */
    public String str(String column) {
        return row == null ? null : row.str(column);
    }

    @Override
    public String toString() {
        return (row == null ? "deleted" : "row") + " by " + leader + " at " + stamp;
    }
}
