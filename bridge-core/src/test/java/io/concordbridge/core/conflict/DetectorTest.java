package io.concordbridge.core.conflict;

import io.concordbridge.core.conflict.Detection.Apply;
import io.concordbridge.core.conflict.Detection.Conflicted;
import io.concordbridge.core.conflict.Detection.Noop;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.concordbridge.core.conflict.Rig.LWW;
import static io.concordbridge.core.conflict.Rig.delete;
import static io.concordbridge.core.conflict.Rig.insert;
import static io.concordbridge.core.conflict.Rig.row;
import static io.concordbridge.core.conflict.Rig.stamp;
import static io.concordbridge.core.conflict.Rig.update;
import static io.concordbridge.core.conflict.Rig.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorTest {

    private static final Stamp S0 = stamp(1717000000000000L, "dc1");
    private static final Stamp S1 = stamp(1717000000000001L, "dc1");
    private static final Stamp S2 = stamp(1717000000000002L, "dc2");
    private static final Stamp S3 = stamp(1717000000000003L, "dc3");
    private static final Map<String, Object> BASE = row("id", 1L, "name", "pen", "price", new BigDecimal("1.50"), "qty", 10L);
    private static final TablePolicy COLUMNS = LWW.withDetect(DetectMode.COLUMNS, null);
    private static final TablePolicy VERSIONED = LWW.withDetect(DetectMode.VERSION_COLUMN, "ver");

    @Test
    void anInsertOfAFreeKeyApplies() {
        assertThat(detect(insert(BASE, S2), LocalRow.absent(), LWW)).isEqualTo(new Apply(BASE, S2));
    }

    @Test
    void anInsertOfAnExistingDifferentRowIsInsertExists() {
        Conflict c = conflict(insert(with(BASE, "name", "ink"), S2), LocalRow.of(BASE, S1), LWW, ConflictType.INSERT_EXISTS);

        assertThat(c.base()).isNull();
        assertThat(c.local()).isEqualTo(new Version("dc1", S1, BASE));
        assertThat(c.remote()).isEqualTo(new Version("dc2", S2, with(BASE, "name", "ink")));
    }

    @Test
    void anInsertOfAnIdenticalRowIsANoopThatKeepsTheHigherRankedStamp() {
        Map<String, Object> sameValues = with(BASE, "price", new BigDecimal("1.5"));

        assertThat(detect(insert(sameValues, S2), LocalRow.of(BASE, S1), LWW)).isEqualTo(new Noop(S2));
        assertThat(detect(insert(sameValues, S1), LocalRow.of(BASE, S2), LWW)).isEqualTo(new Noop(S2));
        TablePolicy dc1First = LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc1", "dc2"));
        Stamp s1 = S1.withPrecedence(dc1First.precedence("dc1", S1.micros(), null));
        Stamp s2 = S2.withPrecedence(dc1First.precedence("dc2", S2.micros(), null));
        assertThat(detect(insert(sameValues, s2), LocalRow.of(BASE, s1), dc1First)).isEqualTo(new Noop(S1));
    }

    @Test
    void identicalInsertsWithCountersAreAConflictSoBothValuesCount() {
        conflict(insert(BASE, S2), LocalRow.of(BASE, S1), LWW.withCounters(Set.of("qty")), ConflictType.INSERT_EXISTS);
    }

    @Test
    void anInsertAfterATombstoneAppliesAndOneBeforeItConflictsWithTheDelete() {
        assertThat(detect(insert(BASE, S2), LocalRow.tombstone(S1), LWW)).isEqualTo(new Apply(BASE, S2));

        Conflict c = conflict(insert(BASE, S1), LocalRow.tombstone(S2), LWW, ConflictType.INSERT_EXISTS);
        assertThat(c.local()).isEqualTo(new Version("dc2", S2, null));
    }

    @Test
    void theVersionAlreadyHereIsANoop() {
        assertThat(detect(update(BASE, with(BASE, "qty", 9L), S2), LocalRow.of(with(BASE, "qty", 9L), S2), LWW))
                .isEqualTo(new Noop(S2));
        assertThat(detect(delete(BASE, S2), LocalRow.tombstone(S2), LWW)).isEqualTo(new Noop(S2));
    }

    @Test
    void rowModeAppliesAnUpdateOfTheBeforeImageAndConflictsOnAnyOtherRow() {
        Map<String, Object> after = with(BASE, "qty", 9L);
        assertThat(detect(update(BASE, after, S2), LocalRow.of(BASE, S1), LWW)).isEqualTo(new Apply(after, S2));
        assertThat(detect(update(BASE, after, S2), LocalRow.of(BASE, null), LWW))
                .as("a row from before the bridge has no stamp").isEqualTo(new Apply(after, S2));

        Conflict c = conflict(update(BASE, after, S2), LocalRow.of(with(BASE, "name", "ink"), S1), LWW,
                ConflictType.UPDATE_DIFFERING);
        assertThat(c.base()).isEqualTo(BASE);
    }

    @Test
    void rowModeSeesARowChangedAndChangedBackByItsLaterStamp() {
        conflict(update(BASE, with(BASE, "qty", 9L), S2), LocalRow.of(BASE, S3), LWW, ConflictType.UPDATE_DIFFERING);
        conflict(delete(BASE, S2), LocalRow.of(BASE, S3), LWW, ConflictType.DELETE_DIFFERING);
    }

    @Test
    void anUpdateToWhatIsAlreadyHereIsANoop() {
        Map<String, Object> after = with(BASE, "name", "ink");

        assertThat(detect(update(BASE, after, S2), LocalRow.of(after, S3), LWW)).isEqualTo(new Noop(S3));
        assertThat(detect(update(BASE, after, S3), LocalRow.of(after, S2), COLUMNS)).isEqualTo(new Noop(S3));
    }

    @Test
    void anUpdateOfAMissingRowIsUpdateMissingWithOrWithoutATombstone() {
        Change c = update(BASE, with(BASE, "qty", 9L), S2);

        assertThat(conflict(c, LocalRow.absent(), LWW, ConflictType.UPDATE_MISSING).local())
                .isEqualTo(new Version(null, null, null));
        assertThat(conflict(c, LocalRow.tombstone(S1), LWW, ConflictType.UPDATE_MISSING).local())
                .isEqualTo(new Version("dc1", S1, null));
    }

    @Test
    void columnsModeMergesEditsOfDifferentColumns() {
        Map<String, Object> local = with(BASE, "name", "ink");
        Change remote = update(BASE, with(BASE, "price", new BigDecimal("2.00")), S2);

        Detection d = detect(remote, LocalRow.of(local, S1), COLUMNS);

        assertThat(d).isEqualTo(new Apply(with(local, "price", new BigDecimal("2.00")), S2));
        assertThat(detect(remote, LocalRow.of(local, S3), COLUMNS)).as("a merge keeps the later stamp")
                .isEqualTo(new Apply(with(local, "price", new BigDecimal("2.00")), S3));
    }

    @Test
    void columnsModeConflictsWhenBothChangedAColumnDifferently() {
        Change remote = update(BASE, with(BASE, "name", "ink"), S2);

        conflict(remote, LocalRow.of(with(BASE, "name", "cap"), S1), COLUMNS, ConflictType.UPDATE_DIFFERING);
        assertThat(detect(remote, LocalRow.of(with(with(BASE, "name", "ink"), "qty", 3L), S1), COLUMNS))
                .as("the same edit on both sides is no conflict")
                .isEqualTo(new Apply(with(with(BASE, "name", "ink"), "qty", 3L), S2));
    }

    @Test
    void countersNeverConflictInColumnsModeTheyAddTheDelta() {
        TablePolicy p = COLUMNS.withCounters(Set.of("qty"));
        Map<String, Object> local = with(with(BASE, "qty", 7L), "name", "ink");
        Change remote = update(BASE, with(BASE, "qty", 12L), S2);

        assertThat(detect(remote, LocalRow.of(local, S1), p)).isEqualTo(new Apply(with(local, "qty", 9L), S2));
        conflict(remote, LocalRow.of(local, S1), COLUMNS, ConflictType.UPDATE_DIFFERING);
    }

    @Test
    void countersConflictInRowModeAndTheResolverAddsTheDeltas() {
        TablePolicy p = LWW.withCounters(Set.of("qty"));
        Map<String, Object> after = with(BASE, "qty", 11L);

        Conflict c = conflict(update(BASE, after, S2), LocalRow.of(after, S1), p, ConflictType.UPDATE_DIFFERING);

        assertThat(Resolver.resolve(c, p).row()).containsEntry("qty", 12L);
    }

    @Test
    void versionColumnModeComparesOnlyTheVersion() {
        Map<String, Object> base = with(BASE, "ver", 4L);
        Map<String, Object> after = with(with(base, "ver", 5L), "name", "ink");
        Change c = update(base, after, S2);

        assertThat(detect(c, LocalRow.of(with(base, "price", BigDecimal.ONE), S1), VERSIONED)).isEqualTo(new Apply(after, S2));
        conflict(c, LocalRow.of(with(base, "ver", 5L), S1), VERSIONED, ConflictType.UPDATE_DIFFERING);
        conflict(delete(base, S2), LocalRow.of(with(base, "ver", 6L), S1), VERSIONED, ConflictType.DELETE_DIFFERING);
        assertThat(detect(delete(base, S2), LocalRow.of(with(base, "qty", 1L), S1), VERSIONED)).isEqualTo(new Apply(null, S2));
    }

    @Test
    void versionColumnModeAddsCounterDeltasToTheLocalValue() {
        TablePolicy p = VERSIONED.withCounters(Set.of("qty"));
        Map<String, Object> base = with(BASE, "ver", 4L);

        Detection d = detect(update(base, with(with(base, "ver", 5L), "qty", 15L), S2), LocalRow.of(with(base, "qty", 8L), S1), p);

        assertThat(((Apply) d).row()).containsEntry("qty", 13L).containsEntry("ver", 5L);
    }

    @Test
    void deletes() {
        assertThat(detect(delete(BASE, S2), LocalRow.of(BASE, S1), LWW)).isEqualTo(new Apply(null, S2));
        conflict(delete(BASE, S2), LocalRow.of(with(BASE, "qty", 3L), S1), LWW, ConflictType.DELETE_DIFFERING);
        conflict(delete(BASE, S2), LocalRow.of(with(BASE, "qty", 3L), S1), COLUMNS.withCounters(Set.of("qty")),
                ConflictType.DELETE_DIFFERING);
        assertThat(conflict(delete(BASE, S2), LocalRow.absent(), LWW, ConflictType.DELETE_MISSING).remote())
                .as("a delete, and the row it deleted").isEqualTo(new Version("dc2", S2, null, BASE));
    }

    @Test
    void aDeleteOfADeletedRowIsANoopThatKeepsTheHigherRankedTombstone() {
        assertThat(detect(delete(BASE, S2), LocalRow.tombstone(S1), LWW)).isEqualTo(new Noop(S2));
        assertThat(detect(delete(BASE, S1), LocalRow.tombstone(S2), LWW)).isEqualTo(new Noop(S2));
        assertThat(new Noop(S2).applyTo(LocalRow.tombstone(S1))).isEqualTo(LocalRow.tombstone(S2));
    }

    @Test
    void aKeyChangingUpdateMustBeSplit() {
        assertThatThrownBy(() -> detect(update(BASE, with(BASE, "id", 2L), S2), LocalRow.of(BASE, S1), LWW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changes its key");
    }

    @Test
    void anUnstampedChangeIsRejected() {
        assertThatThrownBy(() -> detect(insert(BASE, null), LocalRow.absent(), LWW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not stamped");
    }

    private static Detection detect(Change c, LocalRow local, TablePolicy p) {
        return Detector.detect(c, local, p);
    }

    private static Conflict conflict(Change c, LocalRow local, TablePolicy p, ConflictType type) {
        Detection d = Detector.detect(c, local, p);
        assertThat(d).isInstanceOf(Conflicted.class);
        assertThat(((Conflicted) d).type()).isEqualTo(type);
        return ((Conflicted) d).conflict();
    }
}
