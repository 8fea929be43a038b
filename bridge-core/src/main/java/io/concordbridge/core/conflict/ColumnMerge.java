package io.concordbridge.core.conflict;

/**
 * Last writer wins per column: a column only one side changed (relative to the base) takes that
 * side's value, a column both changed the value of the later stamp; a delete against a row decides
 * the whole row by the later stamp. The result carries the later of the two stamps. Stateless.
 *
 * <p>Three or more concurrent versions: the row keeps one stamp, not one per column, so once two
 * versions are merged the later stamp stands for columns the earlier one wrote. Leaders converge
 * when every column that two or more versions changed (to different values) was also changed by
 * the version with the latest stamp, and no delete's stamp lies between two updates' stamps;
 * otherwise the order in which a leader receives the versions can decide. For the same reason a
 * causal chain delivered out of order (C writes, A writes on top, B receives A's change first)
 * converges unless A set a column back to its value before C's write: B cannot tell that column
 * from one A left alone. Per-column stamps in the meta schema would lift both. Detect
 * {@code columns} merges the same way and shares these limits, whatever the resolve mode.
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
