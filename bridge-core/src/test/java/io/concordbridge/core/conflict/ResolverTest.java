package io.concordbridge.core.conflict;

import io.concordbridge.core.conflict.Decision.Outcome;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.concordbridge.core.conflict.Rig.LWW;
import static io.concordbridge.core.conflict.Rig.TABLE;
import static io.concordbridge.core.conflict.Rig.row;
import static io.concordbridge.core.conflict.Rig.stamp;
import static io.concordbridge.core.conflict.Rig.with;
import static org.assertj.core.api.Assertions.assertThat;

class ResolverTest {

    private static final Stamp EARLY = stamp(1717000000000001L, "dc1");
    private static final Stamp LATE = stamp(1717000000000123L, "dc2");
    private static final Map<String, Object> BASE = row("id", 1L, "name", "pen", "price", new BigDecimal("1.50"), "qty", 10L);
    private static final RowKey KEY = new RowKey(TABLE, List.of(1L));
    private static final long DAY = 86_400_000_000L;

    /** The stamp with the precedence the policy gives a version written on nothing known. */
    private static Stamp ranked(TablePolicy p, Stamp s) {
        return s.withPrecedence(p.precedence(s.leader(), s.micros(), null));
    }

    @Test
    void lastWriterWinsTakesTheLaterStampAndSaysSo() {
        Map<String, Object> mine = with(BASE, "name", "ink");
        Map<String, Object> theirs = with(BASE, "name", "cap");

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, mine, EARLY, theirs, LATE, LWW);

        assertThat(d).isEqualTo(new Decision(Outcome.TAKE_REMOTE, theirs, LATE, "last-writer-wins",
                "dc2 wins: later stamp 1717000000000123@dc2 > 1717000000000001@dc1", false));
        assertThat(resolve(ConflictType.UPDATE_DIFFERING, theirs, LATE, mine, EARLY, LWW).outcome())
                .isEqualTo(Outcome.KEEP_LOCAL);
    }

    @Test
    void equalMicrosAreOrderedByLeaderName() {
        Decision d = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), stamp(5, "dc2"),
                with(BASE, "qty", 2L), stamp(5, "dc10"), LWW);

        assertThat(d.stamp()).isEqualTo(stamp(5, "dc2"));
        assertThat(d.outcome()).isEqualTo(Outcome.KEEP_LOCAL);
    }

    @Test
    void aLaterDeleteWinsAndAnEarlierOneLoses() {
        Decision d = resolve(ConflictType.DELETE_DIFFERING, with(BASE, "qty", 1L), EARLY, null, LATE, LWW);
        assertThat(d.outcome()).isEqualTo(Outcome.DELETE);
        assertThat(d.row()).isNull();
        assertThat(d.stamp()).isEqualTo(LATE);

        Decision kept = resolve(ConflictType.UPDATE_MISSING, null, EARLY, with(BASE, "qty", 1L), LATE, LWW);
        assertThat(kept.outcome()).isEqualTo(Outcome.TAKE_REMOTE);
        assertThat(kept.applyTo(LocalRow.tombstone(EARLY))).isEqualTo(LocalRow.of(with(BASE, "qty", 1L), LATE));
    }

    @Test
    void leaderPriorityPrefersTheEarlierListedLeaderOverALaterStamp() {
        TablePolicy p = LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc1", "dc2"));

        Stamp early = ranked(p, EARLY);
        Stamp late = ranked(p, LATE);

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), early, with(BASE, "qty", 2L), late, p);

        assertThat(d.outcome()).isEqualTo(Outcome.KEEP_LOCAL);
        assertThat(d.stamp()).isEqualTo(EARLY);
        assertThat(d.reason()).isEqualTo("dc1 wins: the priority list [dc1, dc2] puts dc1 before dc2 (precedence "
                + (EARLY.micros() + 2 * DAY) + " > " + (LATE.micros() + DAY) + ")");
    }

    @Test
    void leaderPriorityRanksUnlistedLeadersLastAndOrdersThemByStamp() {
        TablePolicy p = LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc3"));
        Stamp dc4 = ranked(p, stamp(9, "dc4"));
        Stamp dc3 = ranked(p, stamp(1, "dc3"));
        Stamp dc5 = ranked(p, stamp(7, "dc5"));

        Decision listed = resolve(ConflictType.DELETE_DIFFERING, with(BASE, "qty", 1L), dc4, null, dc3, p);
        assertThat(listed.outcome()).as("a listed leader's delete wins").isEqualTo(Outcome.DELETE);
        assertThat(listed.reason()).isEqualTo("dc3 wins: dc3 is in the priority list [dc3] and dc4 is not"
                + " (precedence " + (1 + DAY) + " > 9)");

        Decision unlisted = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), dc4, with(BASE, "qty", 2L), dc5, p);
        assertThat(unlisted.stamp()).isEqualTo(dc4);
        assertThat(unlisted.reason()).isEqualTo("dc4 wins: neither dc4 nor dc5 is in the priority list [dc3]; "
                + "later stamp 9@dc4 > 7@dc5");

        TablePolicy empty = p.withPriority(List.of());
        assertThat(resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), dc4, with(BASE, "qty", 2L), dc5, empty)
                .stamp()).as("no list at all: last writer wins").isEqualTo(dc4);
    }

    @Test
    void leaderPriorityInColumnsModeOnlyDecidesTheColumnsBothChanged() {
        TablePolicy p = LWW.withDetect(DetectMode.COLUMNS, null).withResolve(ResolveMode.LEADER_PRIORITY)
                .withPriority(List.of("dc1", "dc2"));
        Map<String, Object> mine = with(with(BASE, "qty", 1L), "name", "ink");
        Map<String, Object> theirs = with(BASE, "qty", 2L);

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, mine, ranked(p, LATE), theirs, ranked(p, EARLY), p);

        assertThat(d.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(d.row()).containsEntry("qty", 2L).containsEntry("name", "ink");
        assertThat(d.stamp()).as("the winner's stamp, though earlier").isEqualTo(EARLY);
        assertThat(d.reason()).startsWith("merged per column; where both changed (qty) dc1 wins: the priority list "
                + "[dc1, dc2] puts dc1 before dc2 (precedence ");
    }

    @Test
    void leaderPrioritySaysWhenAVersionCarriesTheRankOfTheVersionItWasWrittenOn() {
        TablePolicy p = LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc1", "dc2", "dc3"));
        Stamp byDc1 = ranked(p, stamp(100, "dc1"));
        Stamp onTop = stamp(200, "dc3").withPrecedence(p.precedence("dc3", 200, byDc1));
        Stamp byDc2 = ranked(p, stamp(150, "dc2"));

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), byDc2, with(BASE, "qty", 2L), onTop, p);

        assertThat(d.outcome()).isEqualTo(Outcome.TAKE_REMOTE);
        assertThat(d.reason()).isEqualTo("dc3 wins: dc3's version was written on a version that outranks dc2's"
                + " (precedence " + (100 + 3 * DAY + 2) + " > " + (150 + 2 * DAY) + ")");
    }

    @Test
    void columnMergeTakesEachSidesColumnsAndTheLaterStampWhereBothChanged() {
        TablePolicy p = LWW.withResolve(ResolveMode.COLUMN_MERGE);
        Map<String, Object> mine = with(with(BASE, "name", "ink"), "qty", 3L);
        Map<String, Object> theirs = with(with(BASE, "price", BigDecimal.TEN), "qty", 4L);

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, mine, LATE, theirs, EARLY, p);

        assertThat(d.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(d.row()).isEqualTo(row("id", 1L, "name", "ink", "price", BigDecimal.TEN, "qty", 3L));
        assertThat(d.stamp()).isEqualTo(LATE);
        assertThat(d.reason()).isEqualTo("merged per column; where both changed (qty) dc2 wins: "
                + "later stamp 1717000000000123@dc2 > 1717000000000001@dc1");
        assertThat(resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "name", "ink"), EARLY, theirs, LATE, p).reason())
                .isEqualTo("merged per column: dc1 and dc2 changed different columns");
    }

    @Test
    void columnMergeAgainstADeleteIsLastWriterWinsForTheWholeRow() {
        TablePolicy p = LWW.withResolve(ResolveMode.COLUMN_MERGE);

        assertThat(resolve(ConflictType.DELETE_DIFFERING, with(BASE, "name", "ink"), EARLY, null, LATE, p).outcome())
                .isEqualTo(Outcome.DELETE);
        assertThat(resolve(ConflictType.DELETE_DIFFERING, with(BASE, "name", "ink"), LATE, null, EARLY, p).outcome())
                .isEqualTo(Outcome.KEEP_LOCAL);
    }

    @Test
    void versionColumnHigherValueWinsOverALaterStampAndTiesGoToTheLaterStamp() {
        TablePolicy p = LWW.withDetect(DetectMode.VERSION_COLUMN, "ver");
        Map<String, Object> v7 = with(BASE, "ver", 7L);
        Map<String, Object> v5 = with(with(BASE, "ver", 5L), "name", "ink");

        Decision higher = resolve(ConflictType.UPDATE_DIFFERING, v7, EARLY, v5, LATE, p);
        assertThat(higher.outcome()).isEqualTo(Outcome.KEEP_LOCAL);
        assertThat(higher.policy()).isEqualTo("version-column");
        assertThat(higher.reason()).isEqualTo("dc1 wins: version column ver 7 > 5");

        Decision tie = resolve(ConflictType.UPDATE_DIFFERING, v7, EARLY, with(v7, "name", "ink"), LATE, p);
        assertThat(tie.outcome()).isEqualTo(Outcome.TAKE_REMOTE);
        assertThat(tie.reason()).isEqualTo("dc2 wins: version column ver ties at 7; "
                + "later stamp 1717000000000123@dc2 > 1717000000000001@dc1");

        Decision delete = resolve(ConflictType.DELETE_DIFFERING, v7, EARLY, null, LATE, p);
        assertThat(delete.outcome()).isEqualTo(Outcome.DELETE);
    }

    @Test
    void versionColumnComparesNumbersByValueAcrossTypes() {
        assertThat(VersionColumnWins.compareValues(new BigDecimal("10.0"), 9L)).isPositive();
        assertThat(VersionColumnWins.compareValues(BigInteger.TWO, 2L)).isZero();
        assertThat(VersionColumnWins.compareValues(null, 0L)).isNegative();
        assertThat(VersionColumnWins.compareValues(java.time.LocalDateTime.of(2024, 1, 2, 0, 0),
                java.time.LocalDateTime.of(2024, 1, 1, 0, 0))).isPositive();
    }

    @Test
    void countersAddBothDeltasWithAnyPolicyAndEveryNumericType() {
        Map<String, Object> base = row("id", 1L, "n", 10L, "u", BigInteger.TEN, "d", new BigDecimal("1.10"), "f", 1.5,
                "z", null);
        Map<String, Object> mine = row("id", 1L, "n", 12L, "u", BigInteger.valueOf(7), "d", new BigDecimal("1.35"),
                "f", 2.0, "z", 4L);
        Map<String, Object> theirs = row("id", 1L, "n", 5L, "u", BigInteger.valueOf(13), "d", new BigDecimal("0.1"),
                "f", 1.25, "z", null);
        for (ResolveMode mode : ResolveMode.values()) {
            TablePolicy p = LWW.withResolve(mode).withCounters(List.of("n", "u", "d", "f", "z"));

            Decision d = resolve(ConflictType.UPDATE_DIFFERING, base, mine, EARLY, theirs, LATE, p);

            assertThat(d.row()).as(mode.configName()).containsEntry("n", 7L).containsEntry("u", BigInteger.TEN)
                    .containsEntry("f", 1.75).containsEntry("z", 4L);
            assertThat((BigDecimal) d.row().get("d")).as(mode.configName()).isEqualByComparingTo("0.35");
            assertThat(d.outcome()).isEqualTo(Outcome.MERGED);
            assertThat(d.reason()).contains("counters n, u, d, f, z add both sides' changes");
        }
    }

    @Test
    void countersOfTwoInsertsAddBothValues() {
        TablePolicy p = LWW.withCounters(Set.of("qty"));

        Decision d = resolve(ConflictType.INSERT_EXISTS, null, with(BASE, "qty", 3L), EARLY, with(BASE, "qty", 4L), LATE, p);

        assertThat(d.row()).containsEntry("qty", 7L);
    }

    @Test
    void aCounterThatOverflowsKeepsThePolicysValueAndIsStored() {
        TablePolicy p = LWW.withCounters(Set.of("qty"));

        Decision d = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", Long.MAX_VALUE - 1), EARLY,
                with(BASE, "qty", 12L), LATE, p);

        assertThat(d.row()).containsEntry("qty", 12L);
        assertThat(d.store()).isTrue();
        assertThat(d.reason()).endsWith("; counter qty overflows, so it keeps the policy's value and the conflict is stored");
    }

    @Test
    void manualAndHandlerKeepAProvisionalLastWriterAndStoreTheVersions() {
        for (ResolveMode mode : List.of(ResolveMode.MANUAL, ResolveMode.HANDLER)) {
            Decision d = resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), EARLY, with(BASE, "qty", 2L), LATE,
                    LWW.withResolve(mode));

            assertThat(d.outcome()).isEqualTo(Outcome.TAKE_REMOTE);
            assertThat(d.stamp()).isEqualTo(LATE);
            assertThat(d.store()).isTrue();
            assertThat(d.policy()).isEqualTo(mode.configName());
        }
        assertThat(resolve(ConflictType.UPDATE_DIFFERING, with(BASE, "qty", 1L), EARLY, with(BASE, "qty", 2L), LATE,
                LWW.withResolve(ResolveMode.MANUAL)).reason()).isEqualTo("stored for read-time resolution; "
                + "provisionally dc2 wins: later stamp 1717000000000123@dc2 > 1717000000000001@dc1");
    }

    @Test
    void anUpdateOfARowWhoseInsertHasNotArrivedIsWrittenAsAnInsertWithOnlyItsCounterDelta() {
        TablePolicy p = LWW.withCounters(Set.of("qty"));

        Decision d = resolve(ConflictType.UPDATE_MISSING, null, null, with(BASE, "qty", 14L), LATE, p);

        assertThat(d.outcome()).isEqualTo(Outcome.TAKE_REMOTE);
        assertThat(d.row()).containsEntry("qty", 4L).containsEntry("name", "pen");
        assertThat(d.stamp()).isEqualTo(LATE);
        assertThat(d.store()).isFalse();
        assertThat(resolve(ConflictType.UPDATE_MISSING, null, null, with(BASE, "qty", 14L), LATE, LWW).row())
                .containsEntry("qty", 14L);
    }

    @Test
    void aDeleteOfAMissingRowKeepsATombstone() {
        Decision d = resolve(ConflictType.DELETE_MISSING, null, null, null, LATE, LWW.withResolve(ResolveMode.MANUAL));

        assertThat(d.outcome()).isEqualTo(Outcome.DELETE);
        assertThat(d.stamp()).isEqualTo(LATE);
        assertThat(d.store()).isFalse();
        assertThat(d.applyTo(LocalRow.absent())).isEqualTo(LocalRow.tombstone(LATE));
        assertThat(d.reason()).startsWith("the row is not here");
    }

    @Test
    void aUniqueViolationIsStoredAndWritesNothing() {
        RowKey other = new RowKey(TABLE, List.of(42L));
        Conflict c = Conflict.uniqueViolation(Rig.insert(BASE, LATE), new UniqueClash("uk_name", other),
                LocalRow.of(with(BASE, "id", 42L), EARLY));

        Decision d = Resolver.resolve(c, LWW);

        assertThat(d.outcome()).isEqualTo(Outcome.KEEP_LOCAL);
        assertThat(d.row()).isNull();
        assertThat(d.stamp()).isNull();
        assertThat(d.store()).isTrue();
        assertThat(d.reason()).isEqualTo("unique index uk_name, held by shop.items 42: the row cannot be written while "
                + "that row holds the value; stored for resolution");
        assertThat(d.applyTo(LocalRow.absent())).isEqualTo(LocalRow.absent());
    }

    @Test
    void conflictTypesHaveLowercaseStorageNames() {
        assertThat(ConflictType.INSERT_EXISTS.storageName()).isEqualTo("insert_exists");
        assertThat(ConflictType.fromStorage("unique_violation")).isEqualTo(ConflictType.UNIQUE_VIOLATION);
    }

    private static Decision resolve(ConflictType type, Map<String, Object> local, Stamp ls, Map<String, Object> remote,
                                    Stamp rs, TablePolicy p) {
        return resolve(type, type == ConflictType.INSERT_EXISTS ? null : BASE, local, ls, remote, rs, p);
    }

    private static Decision resolve(ConflictType type, Map<String, Object> base, Map<String, Object> local, Stamp ls,
                                    Map<String, Object> remote, Stamp rs, TablePolicy p) {
        Conflict c = new Conflict(type, TABLE, KEY, base, new Version(ls == null ? null : ls.leader(), ls, local),
                new Version(rs.leader(), rs, remote));
        return Resolver.resolve(c, p);
    }
}
