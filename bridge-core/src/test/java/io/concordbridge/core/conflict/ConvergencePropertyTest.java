package io.concordbridge.core.conflict;

import io.concordbridge.core.conflict.Rig.Step;
import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.Values;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.concordbridge.core.conflict.Rig.change;
import static io.concordbridge.core.conflict.Rig.sameState;
import static io.concordbridge.core.conflict.Rig.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promises 1 and 6 as properties: leaders that apply the same concurrent versions, in any order
 * and in either role, end with the same row and stamp. Every detect mode, every resolve mode,
 * counters on and off. Cases are seeded; a failure names its seed, and {@code -Dconflict.seed=N}
 * replays the run.
 */
class ConvergencePropertyTest {

    private static final long SEED = Long.getLong("conflict.seed", 20240611L);
    private static final int CASES_PER_COMBINATION = Integer.getInteger("conflict.cases", 150);

    @Test
    void twoLeadersReachTheSameRowStampAndConflictIdInEitherRole() {
        Random master = new Random(SEED);
        int cases = 0;
        for (Combination combo : Combination.all()) {
            for (int i = 0; i < CASES_PER_COMBINATION; i++, cases++) {
                long seed = master.nextLong();
                Random rnd = new Random(seed);
                TablePolicy p = combo.policy(rnd);
                RandomRows gen = new RandomRows(rnd, p);
                Map<String, Object> base = gen.base();
                LocalRow start = base == null ? LocalRow.absent() : LocalRow.of(base, gen.baseStamp());
                List<String> leaders = shuffled(rnd);
                Written a = Written.of(base, gen.versionOf(base, true), gen.stamp(leaders.get(0)));
                Written b = Written.of(base, gen.versionOf(base, true), gen.stamp(leaders.get(1)));
                String at = "seed " + seed + " " + combo + " priority " + p.priority() + ": base " + show(start)
                        + ", A " + a + ", B " + b;

                Step atM = Rig.apply(a.state(), b.change(), p);
                Step atO = Rig.apply(b.state(), a.change(), p);

                assertThat(sameState(atM.after(), atO.after()))
                        .as(at + ": M ends " + show(atM.after()) + ", O ends " + show(atO.after())).isTrue();
                assertThat(atM.conflict() == null).as(at + ": both or neither see a conflict").isEqualTo(atO.conflict() == null);
                if (atM.conflict() != null) {
                    assertThat(atM.conflict().conflictId()).as(at).isEqualTo(atO.conflict().conflictId());
                    assertThat(atM.decision().store()).as(at).isEqualTo(atO.decision().store());
                }
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(3000);
    }

    /**
     * Three leaders each write a version of the same base, changes without column stamps; each then
     * receives the other two, in both orders. Whole-row policies converge always (version-column
     * too: a delete counts with the deleted row's version), counters too (they add, deletes included);
     * merges per column without column stamps converge under {@link #guaranteed}, the conditions the
     * class comments of {@link ColumnMerge} and {@link VersionColumnWins} state.
     */
    @Test
    void threeLeadersConvergeWhateverTheOrderWhereThePolicyGuaranteesIt() {
        Random master = new Random(SEED + 1);
        int checked = 0;
        for (Combination combo : Combination.all()) {
            int guaranteed = 0;
            for (int i = 0; i < CASES_PER_COMBINATION; i++) {
                long seed = master.nextLong();
                Random rnd = new Random(seed);
                TablePolicy p = combo.policy(rnd);
                RandomRows gen = new RandomRows(rnd, p);
                Map<String, Object> base = gen.base();
                List<Written> versions = new ArrayList<>();
                for (String leader : RandomRows.LEADERS) {
                    versions.add(Written.of(base, gen.versionOf(base, true), gen.stamp(leader)));
                }
                if (!guaranteed(base, versions, p)) {
                    continue;
                }
                guaranteed++;
                assertAllOrdersAgree(versions, p, "seed " + seed + " " + combo + " priority " + p.priority()
                        + ": base " + Rig.describe(base));
            }
            if (!combo.perColumn()) {
                assertThat(guaranteed).as(combo + " converges unconditionally").isEqualTo(CASES_PER_COMBINATION);
            }
            assertThat(guaranteed).as(combo + ": enough cases checked").isGreaterThan(CASES_PER_COMBINATION / 3);
            checked += guaranteed;
        }
        assertThat(checked).isGreaterThan(3000);
    }

    /**
     * Tables that merge per column, with the column stamps the capture attaches: three leaders each
     * write a version of the same base (deletes included); every leader, receiving the other two in
     * either order, ends with the same row, stamp and column stamps. No condition: each column and
     * the row's existence are registers of their own.
     */
    @Test
    void threeLeadersMergingPerColumnConvergeInEveryOrderWithColumnStamps() {
        Random master = new Random(SEED + 4);
        int checked = 0;
        for (Combination combo : Combination.all()) {
            if (!combo.perColumn()) {
                continue;
            }
            for (int i = 0; i < CASES_PER_COMBINATION; i++) {
                long seed = master.nextLong();
                Random rnd = new Random(seed);
                TablePolicy p = combo.policy(rnd);
                RandomRows gen = new RandomRows(rnd, p);
                Map<String, Object> base = gen.base();
                Stamp baseStamp = base == null ? null : new Stamp(rnd.nextInt(100), "dc2");
                Cells baseCells = base == null ? null : Cells.all(base.keySet(), baseStamp);
                List<Written> versions = new ArrayList<>();
                for (String leader : RandomRows.LEADERS) {
                    versions.add(Written.withCells(base, baseCells, gen.versionOf(base, true), gen.stamp(leader)));
                }
                assertAllOrdersAgree(versions, p, "seed " + seed + " " + combo + ": base " + Rig.describe(base));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(CASES_PER_COMBINATION * 12);
    }

    /**
     * Three leaders each add to the counters of one row, or delete it: whatever the order, the row,
     * or the row its tombstone kept, holds the base plus every update's delta.
     */
    @Test
    void threeLeadersCountersEndAtTheBasePlusEveryDelta() {
        Random master = new Random(SEED + 2);
        for (Combination combo : Combination.all()) {
            if (!combo.counters()) {
                continue;
            }
            for (int i = 0; i < CASES_PER_COMBINATION; i++) {
                long seed = master.nextLong();
                Random rnd = new Random(seed);
                TablePolicy p = combo.policy(rnd);
                RandomRows gen = new RandomRows(rnd, p);
                Map<String, Object> base = gen.row();
                Map<String, BigDecimal> sums = new HashMap<>();
                List<Written> versions = new ArrayList<>();
                for (String leader : RandomRows.LEADERS) {
                    boolean delete = rnd.nextInt(4) == 0;
                    versions.add(Written.of(base, delete ? null : gen.counterUpdate(base, sums), gen.stamp(leader)));
                }

                for (LocalRow end : allOrders(versions, p)) {
                    Map<String, Object> held = end.present() ? end.row() : end.last();
                    for (String c : RandomRows.COUNTERS) {
                        BigDecimal expected = RandomRows.number(base.get(c)).add(sums.getOrDefault(c,
                                BigDecimal.ZERO));
                        assertThat(RandomRows.number(held.get(c))).as("seed " + seed + " " + combo + " " + c
                                        + (end.present() ? "" : " kept by the tombstone"))
                                .isEqualByComparingTo(expected);
                    }
                }
            }
        }
    }

    /**
     * Leader C writes, A applies it and writes on top; B receives A's change before C's (it reads its
     * origins' logs independently, e.g. catching up after an outage). Stamps respect causality, and
     * so does precedence (A's version takes its precedence above C's), so every resolve mode converges.
     */
    @Test
    void aCausalChainDeliveredOutOfOrderConverges() {
        Random master = new Random(SEED + 3);
        for (Combination combo : Combination.all()) {
            for (int i = 0; i < CASES_PER_COMBINATION; i++) {
                long seed = master.nextLong();
                Random rnd = new Random(seed);
                TablePolicy p = combo.policy(rnd);
                RandomRows gen = new RandomRows(rnd, p);
                Map<String, Object> base = gen.base();
                Stamp baseStamp = new Stamp(1, "dc2");
                LocalRow start = base == null ? LocalRow.absent() : LocalRow.of(base, baseStamp);
                Map<String, Object> first = gen.versionOf(base, false);
                Change c1 = change(base, first, written(p, "dc3", 2000 + rnd.nextInt(5), baseStamp));
                Map<String, Object> second = gen.versionOf(first, true);
                LocalRow atA = Rig.apply(start, c1, p).after();
                Change c2 = captured(atA, second, written(p, "dc1", 3000 + rnd.nextInt(5), c1.stamp()), p);
                if (combo.perColumn() && restoresABaseValue(base, first, second)) {
                    continue;
                }

                LocalRow atC = Rig.apply(atA, c2, p).after();
                LocalRow atB = Rig.apply(Rig.apply(start, c2, p).after(), c1, p).after();

                String what = "seed " + seed + " " + combo + " priority " + p.priority();
                assertThat(sameState(atB, atC)).as(what + ": in order " + show(atC) + ", out of order " + show(atB))
                        .isTrue();
                assertThat(atC.present()).as(what + ": " + show(atC)).isEqualTo(second != null);
                if (second != null) {
                    assertThat(Rows.same(atC.row(), second)).as(what + ": " + show(atC) + " as written at dc1 "
                            + Rig.describe(second)).isTrue();
                }
            }
        }
    }

    /**
     * The change a leader's capture makes of writing {@code result} over its state {@code here}: an
     * insert over a tombstone of a table with counters carries the row the tombstone kept as before.
     */
    private static Change captured(LocalRow here, Map<String, Object> result, Stamp s, TablePolicy p) {
        if (result != null && !here.present() && here.last() != null && !p.counters().isEmpty()) {
            Change insert = Rig.insert(result, s);
            return new Change(insert.table(), Op.INSERT, insert.keyColumns(), here.last(), result, s);
        }
        return change(here.present() ? here.row() : null, result, s);
    }

    /** The stamp {@code leader} gives a version it writes on top of the version stamped {@code prior}. */
    private static Stamp written(TablePolicy p, String leader, long micros, Stamp prior) {
        return new Stamp(micros, leader, p.precedence(leader, micros, prior));
    }

    /**
     * Per-column merging cannot tell a column the later write set back to the older base's value from
     * one it left alone when changes carry no column stamps: stated on {@link ColumnMerge}.
     */
    private static boolean restoresABaseValue(Map<String, Object> base, Map<String, Object> first,
                                              Map<String, Object> second) {
        return base != null && second != null && base.keySet().stream().anyMatch(col ->
                Rows.changed(base, first, col) && !Rows.changed(base, second, col));
    }

    /**
     * A inserts and deletes a key while B, concurrently and later by the clock, inserts it: A's delete
     * was written on A's insert, so it carries A's rank over B's insert at both leaders.
     */
    @Test
    void leaderPriorityConvergesWhenAnInsertMeetsTheTombstoneOfAHigherRankedLeadersInsert() {
        TablePolicy p = Rig.LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc1"));
        Map<String, Object> byA = Rig.row("id", 1L, "name", "pen");
        Map<String, Object> byB = Rig.row("id", 1L, "name", "ink");
        Change insertA = Rig.insert(byA, written(p, "dc1", 10, null));
        Change deleteA = Rig.delete(byA, written(p, "dc1", 20, insertA.stamp()));
        Change insertB = Rig.insert(byB, written(p, "dc2", 30, null));

        LocalRow atA = Rig.apply(LocalRow.tombstone(deleteA.stamp()), insertB, p).after();
        LocalRow atB = Rig.apply(Rig.apply(LocalRow.of(byB, insertB.stamp()), insertA, p).after(), deleteA, p).after();

        assertThat(sameState(atA, atB)).as("A " + show(atA) + ", B " + show(atB)).isTrue();
        assertThat(atA.present()).as("dc1's delete outranks dc2's concurrent insert").isFalse();
    }

    /**
     * Leader dc3 (first in the list) writes; dc1 writes on top of it; dc2, whose own concurrent write
     * ranks between them, meets dc1's version before dc3's and after. dc1's version carries dc3's rank
     * on, so it wins everywhere, whatever the order.
     */
    @Test
    void leaderPriorityRanksAWriteAboveTheVersionItWasWrittenOnAndCarriesItsRankOn() {
        TablePolicy p = Rig.LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc3", "dc2", "dc1"));
        Map<String, Object> base = Rig.row("id", 1L, "name", "pen");
        Map<String, Object> byC = Rig.with(base, "name", "ink");
        Change c1 = Rig.update(base, byC, written(p, "dc3", 20, null));
        Change c2 = Rig.update(byC, Rig.with(byC, "name", "cap"), written(p, "dc1", 30, c1.stamp()));
        Change mine = Rig.update(base, Rig.with(base, "name", "nib"), written(p, "dc2", 25, null));
        LocalRow atDc2 = LocalRow.of(mine.after(), mine.stamp());

        LocalRow c2First = Rig.apply(Rig.apply(atDc2, c2, p).after(), c1, p).after();
        LocalRow c1First = Rig.apply(Rig.apply(atDc2, c1, p).after(), c2, p).after();
        LocalRow atDc3 = Rig.apply(Rig.apply(LocalRow.of(byC, c1.stamp()), c2, p).after(), mine, p).after();

        assertThat(c2First.row()).containsEntry("name", "cap");
        assertThat(sameState(c2First, c1First)).as(show(c2First) + " / " + show(c1First)).isTrue();
        assertThat(sameState(c2First, atDc3)).as(show(c2First) + " / " + show(atDc3)).isTrue();
        assertThat(c2.stamp().precedence()).isGreaterThan(c1.stamp().precedence());
    }

    /** Beyond the window, the later write wins against a higher-ranked leader's concurrent version. */
    @Test
    void leaderPriorityYieldsToAConcurrentWriteMoreThanAWindowLater() {
        TablePolicy p = Rig.LWW.withResolve(ResolveMode.LEADER_PRIORITY).withPriority(List.of("dc1", "dc2"))
                .withWindow(java.time.Duration.ofSeconds(10));
        Map<String, Object> base = Rig.row("id", 1L, "name", "pen");
        Change byDc1 = Rig.update(base, Rig.with(base, "name", "ink"), written(p, "dc1", 1_000_000, null));
        Change soon = Rig.update(base, Rig.with(base, "name", "cap"), written(p, "dc2", 9_000_000, null));
        Change late = Rig.update(base, Rig.with(base, "name", "nib"), written(p, "dc2", 12_000_000, null));

        assertThat(Rig.apply(LocalRow.of(byDc1.after(), byDc1.stamp()), soon, p).after().row())
                .containsEntry("name", "ink");
        assertThat(Rig.apply(LocalRow.of(soon.after(), soon.stamp()), byDc1, p).after().row())
                .containsEntry("name", "ink");
        assertThat(Rig.apply(LocalRow.of(byDc1.after(), byDc1.stamp()), late, p).after().row())
                .containsEntry("name", "nib");
        assertThat(Rig.apply(LocalRow.of(late.after(), late.stamp()), byDc1, p).after().row())
                .containsEntry("name", "nib");
    }

    /**
     * Documents the limit stated on {@link ColumnMerge} for changes without column stamps (written
     * before they were kept): one stamp per row cannot order columns separately. With column stamps,
     * {@link #threeLeadersMergingPerColumnConvergeInEveryOrderWithColumnStamps}.
     */
    @Test
    void columnMergeWithoutColumnStampsDependsOnOrderWhenTwoOlderVersionsWroteAColumnTheNewestDidNot() {
        TablePolicy p = Rig.LWW.withResolve(ResolveMode.COLUMN_MERGE);
        Map<String, Object> base = Rig.row("id", 1L, "x", 0L, "y", 0L);
        List<Written> versions = List.of(
                Written.of(base, Rig.with(base, "x", 1L), new Stamp(1, "dc1")),
                Written.of(base, Rig.with(base, "x", 2L), new Stamp(2, "dc2")),
                Written.of(base, Rig.with(base, "y", 3L), new Stamp(3, "dc3")));

        LocalRow dc3FirstDc1 = Rig.apply(Rig.apply(versions.get(2).state(), versions.get(0).change(), p).after(),
                versions.get(1).change(), p).after();
        LocalRow dc3FirstDc2 = Rig.apply(Rig.apply(versions.get(2).state(), versions.get(1).change(), p).after(),
                versions.get(0).change(), p).after();

        assertThat(dc3FirstDc1.row()).containsEntry("x", 1L);
        assertThat(dc3FirstDc2.row()).containsEntry("x", 2L);
        assertThat(guaranteed(base, versions, p)).isFalse();
    }

    /**
     * A delete stamped between two counter updates: the tombstone keeps the counters' sums and the
     * update that loses to the delete still adds to them, so every order ends with the later update's
     * row holding both deltas.
     */
    @Test
    void countersWithADeleteStampedBetweenTwoUpdatesConverge() {
        TablePolicy p = Rig.LWW.withCounters(List.of("qty"));
        Map<String, Object> base = Rig.row("id", 1L, "qty", 10L);
        List<Written> versions = List.of(
                Written.of(base, Rig.with(base, "qty", 12L), new Stamp(1, "dc1")),
                Written.of(base, null, new Stamp(2, "dc2")),
                Written.of(base, Rig.with(base, "qty", 15L), new Stamp(3, "dc3")));

        List<LocalRow> ends = allOrders(versions, p);

        assertThat(ends).allSatisfy(e -> assertThat(e.present()).isTrue());
        assertThat(ends.stream().map(e -> e.row().get("qty")).distinct().toList()).containsExactly(17L);
        assertThat(guaranteed(base, versions, p)).isTrue();
    }

    /** A counter change that meets its own version (already applied here) adds nothing again. */
    @Test
    void aCounterChangeMeetingItsOwnVersionCountsOnce() {
        TablePolicy p = Rig.LWW.withCounters(List.of("qty"));
        Map<String, Object> base = Rig.row("id", 1L, "qty", 10L);
        Change add = Rig.update(base, Rig.with(base, "qty", 13L), new Stamp(5, "dc2"));

        LocalRow once = Rig.apply(LocalRow.of(base, new Stamp(1, "dc1")), add, p).after();
        LocalRow twice = Rig.apply(once, add, p).after();

        assertThat(once.row()).containsEntry("qty", 13L);
        assertThat(twice.row()).containsEntry("qty", 13L);
    }

    /**
     * dc1 deletes a counter row and inserts it again with 3, while dc2 adds 1 to the old row. The
     * re-insert carries the row its tombstone kept as its before image (as the capture attaches it),
     * so its delta is 3 - 10 and every leader, in every order, ends with 3 + 1.
     */
    @Test
    void aCounterRowDeletedAndInsertedAgainKeepsAConcurrentDelta() {
        TablePolicy p = Rig.LWW.withCounters(List.of("qty"));
        Map<String, Object> base = Rig.row("id", 1L, "qty", 10L);
        Stamp baseStamp = new Stamp(1, "dc3");
        Change add = Rig.update(base, Rig.with(base, "qty", 11L), new Stamp(5, "dc2"));
        Change delete = Rig.delete(base, new Stamp(10, "dc1"));
        Map<String, Object> again = Rig.row("id", 1L, "qty", 3L);
        Change insert = new Change(delete.table(), Op.INSERT, delete.keyColumns(), base, again, new Stamp(20, "dc1"));
        LocalRow start = LocalRow.of(base, baseStamp);

        LocalRow atDc1 = Rig.apply(LocalRow.of(again, insert.stamp()), add, p).after();
        LocalRow atDc2 = Rig.apply(Rig.apply(LocalRow.of(Rig.with(base, "qty", 11L), add.stamp()), delete, p).after(),
                insert, p).after();
        LocalRow atDc3InOrder = Rig.apply(Rig.apply(Rig.apply(start, add, p).after(), delete, p).after(), insert, p).after();
        LocalRow atDc3Late = Rig.apply(Rig.apply(Rig.apply(start, delete, p).after(), insert, p).after(), add, p).after();

        for (LocalRow end : List.of(atDc1, atDc2, atDc3InOrder, atDc3Late)) {
            assertThat(end.present()).as(show(end)).isTrue();
            assertThat(end.row()).as(show(end)).containsEntry("qty", 4L);
            assertThat(end.stamp()).isEqualTo(insert.stamp());
        }
    }

    /**
     * A delete counts with the version of the row it deleted, so two updates whose version order is the
     * opposite of their stamp order and a delete stamped between them are still one order: every
     * leader ends with the highest version.
     */
    @Test
    void versionColumnWithADeleteBetweenTwoUpdatesOfOpposedOrderConverges() {
        TablePolicy p = Rig.LWW.withDetect(DetectMode.VERSION_COLUMN, "ver");
        Map<String, Object> base = Rig.row("id", 1L, "ver", 1L);
        List<Written> versions = List.of(
                Written.of(base, Rig.with(base, "ver", 9L), new Stamp(1, "dc1")),
                Written.of(base, null, new Stamp(2, "dc2")),
                Written.of(base, Rig.with(base, "ver", 5L), new Stamp(3, "dc3")));

        List<LocalRow> ends = allOrders(versions, p);

        assertThat(ends.stream().map(Rig::show).distinct()).hasSize(1);
        assertThat(ends.get(0).row()).containsEntry("ver", 9L);
        assertThat(guaranteed(base, versions, p)).isTrue();
    }

    /**
     * Version column: an insert stamped after a delete but carrying a lower version than the row the
     * delete removed (stamps are taken when the capture reads a write, versions when the application
     * makes it). A leader holding the tombstone and one holding the row, which meets the insert before
     * the delete, both end without the row: the insert is ranked by version against the tombstone too.
     */
    @Test
    void versionColumnRanksAnInsertAgainstATombstoneByVersion() {
        TablePolicy p = Rig.LWW.withDetect(DetectMode.VERSION_COLUMN, "ver");
        Map<String, Object> row = Rig.row("id", 1L, "ver", 110L);
        Change delete = Rig.delete(row, new Stamp(130, "dc2"));
        Change insert = Rig.insert(Rig.row("id", 1L, "ver", 100L), new Stamp(150, "dc1"));

        LocalRow tombstoneFirst = Rig.apply(Rig.apply(LocalRow.of(row, new Stamp(110, "dc3")), delete, p).after(),
                insert, p).after();
        LocalRow insertFirst = Rig.apply(Rig.apply(LocalRow.of(row, new Stamp(110, "dc3")), insert, p).after(),
                delete, p).after();

        assertThat(tombstoneFirst.present()).as(show(tombstoneFirst)).isFalse();
        assertThat(insertFirst.present()).as(show(insertFirst)).isFalse();
    }

    /** The six end states of {@link #allOrders} are one state. */
    private static void assertAllOrdersAgree(List<Written> versions, TablePolicy p, String what) {
        List<LocalRow> ends = allOrders(versions, p);
        for (LocalRow end : ends) {
            assertThat(sameState(end, ends.get(0))).as(what + ", versions " + versions + ": ends "
                    + ends.stream().map(Rig::show).toList()).isTrue();
        }
    }

    /** Every leader, from its own version, receiving the other two in both orders: six end states. */
    static List<LocalRow> allOrders(List<Written> versions, TablePolicy p) {
        List<LocalRow> ends = new ArrayList<>();
        for (int own = 0; own < versions.size(); own++) {
            List<Written> others = new ArrayList<>(versions);
            Written mine = others.remove(own);
            for (int flip = 0; flip < 2; flip++) {
                LocalRow s = mine.state();
                s = Rig.apply(s, others.get(flip).change(), p).after();
                s = Rig.apply(s, others.get(1 - flip).change(), p).after();
                ends.add(s);
            }
        }
        return ends;
    }

    /**
     * Whether three concurrent versions are certain to converge: the policy's pairwise order is
     * transitive on them; with merging (counters, per-column), no delete ranks between two rows; per
     * column, every column two rows changed to different values is changed by the top-ranked row.
     */
    static boolean guaranteed(Map<String, Object> base, List<Written> written, TablePolicy p) {
        Policy order = Resolver.policyFor(p);
        List<Version> vs = written.stream().map(Written::version).toList();
        for (Version a : vs) {
            for (Version b : vs) {
                for (Version c : vs) {
                    if (order.compare(a, b, p) > 0 && order.compare(b, c, p) > 0 && order.compare(a, c, p) <= 0) {
                        return false;
                    }
                }
            }
        }
        boolean perColumn = p.detect() == DetectMode.COLUMNS || p.resolve() == ResolveMode.COLUMN_MERGE;
        List<Version> rows = vs.stream().filter(v -> !v.deleted()).toList();
        if (perColumn) {
            for (Version d : vs) {
                if (d.deleted() && rows.stream().anyMatch(r -> order.compare(r, d, p) < 0)
                        && rows.stream().anyMatch(r -> order.compare(r, d, p) > 0)) {
                    return false;
                }
            }
        }
        if (!perColumn || rows.size() < 2) {
            return true;
        }
        Version top = rows.stream().reduce((a, b) -> order.compare(a, b, p) >= 0 ? a : b).orElseThrow();
        for (String col : rows.get(0).row().keySet()) {
            List<Version> changers = rows.stream().filter(r -> !p.isCounter(col) && Rows.changed(base, r.row(), col)).toList();
            boolean differ = changers.stream().anyMatch(r -> !Values.same(r.row().get(col), changers.get(0).row().get(col)));
            if (differ && !changers.contains(top)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> shuffled(Random rnd) {
        List<String> l = new ArrayList<>(RandomRows.LEADERS);
        Collections.shuffle(l, rnd);
        return l;
    }

    /** A version a leader wrote from the base: its change, and the leader's own state right after. */
    record Written(Change change, LocalRow state, Version version) {

        /** A version written on a base whose column stamps are {@code baseCells}, carrying its own, as the capture makes it. */
        static Written withCells(Map<String, Object> base, Cells baseCells, Map<String, Object> result, Stamp s) {
            Change plain = Rig.change(base, result, s);
            Change c = plain.withCells(Cells.written(plain, baseCells));
            LocalRow state = result == null ? LocalRow.tombstone(s, c.cells(), base) : LocalRow.of(result, s, c.cells());
            return new Written(c, state, Version.of(c));
        }

        static Written of(Map<String, Object> base, Map<String, Object> result, Stamp s) {
            Change c = Rig.change(base, result, s);
            LocalRow state = result == null ? LocalRow.tombstone(s, null, base) : LocalRow.of(result, s);
            return new Written(c, state, Version.of(c));
        }

        @Override
        public String toString() {
            return show(state);
        }
    }

    /** One detect mode, resolve mode and counters setting. */
    record Combination(DetectMode detect, ResolveMode resolve, boolean counters) {

        static List<Combination> all() {
            List<Combination> all = new ArrayList<>();
            for (DetectMode d : DetectMode.values()) {
                for (ResolveMode r : ResolveMode.values()) {
                    all.add(new Combination(d, r, false));
                    all.add(new Combination(d, r, true));
                }
            }
            return all;
        }

        TablePolicy policy(Random rnd) {
            return RandomRows.policy(detect, resolve, counters, rnd);
        }

        boolean perColumn() {
            return detect == DetectMode.COLUMNS || resolve == ResolveMode.COLUMN_MERGE;
        }

        @Override
        public String toString() {
            return "detect " + detect.configName() + ", resolve " + resolve.configName() + (counters ? ", counters" : "");
        }
    }
}
