package io.concordbridge.core.conflict;

/**
 * Last writer wins per column: a column only one side changed (relative to the base) takes that
 * side's value, a column both changed the value of the later stamp; a delete against a row decides
 * the whole row by the later stamp. The result carries the later of the two stamps. Stateless.
 *
 * <p>This decides the conflict as recorded. The row the apply leaves is then settled by
 * {@link ColumnStates} from the column stamps every change carries: each column keeps the value of
 * its latest write, whichever version it came in, so three or more leaders converge in any order
 * (deletes included: a tombstone keeps the deleted row's columns). A change without column stamps
 * (written before they were kept) falls back to this pairwise merge, which converges when every
 * column two or more versions changed was also changed by the latest one. Detect {@code columns}
 * merges the same way, whatever the resolve mode.
 */
final class ColumnMerge extends RankedPolicy {

    static final ColumnMerge INSTANCE = new ColumnMerge();

    private ColumnMerge() {
    }

    @Override
    public String name() {
        return ResolveMode.COLUMN_MERGE.configName();
    }

    @Override
    boolean perColumn(TablePolicy p) {
        return true;
    }

    @Override
    public int compare(Version a, Version b, TablePolicy p) {
        return byStamp(a, b);
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        return laterStamp(winner, loser);
    }
}
