package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent random writes to the same few rows on three leaders: once writes stop and the
 * bridge drained, every leader holds the same rows, conflicts were recorded, and every recorded
 * decision is the one its policy makes. The seed is printed on failure ({@code -Dconvergence.seed}
 * replays it).
 */
class ConvergenceIT {

    private static final long SEED = Long.getLong("convergence.seed", System.nanoTime() % 100_000);
    private static final String TABLE = "(id INT PRIMARY KEY, name VARCHAR(40), qty INT, note VARCHAR(40))";
    private static final String VERSIONED_TABLE = "(id INT PRIMARY KEY, name VARCHAR(40), qty INT, note VARCHAR(40), "
            + "ver BIGINT NOT NULL)";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);



    @Test
    void lastWriterWinsConvergesUnderRandomLoad() throws Exception {
        assertTheLaterStampWins(runRandomLoad("lww", "{ name: conv_lww.items }", leader -> Clock.systemUTC()));
    }

    /** Every column a register of its own: concurrent edits of different columns both stay, the later wins a column. */
    @Test
    void columnMergeConvergesUnderRandomLoad() throws Exception {
        assertTheLaterStampWins(runRandomLoad("colmerge", "{ name: conv_colmerge.items, resolve: column-merge }",
                leader -> Clock.systemUTC()));
    }

    /**
     * qty a counter: updates add to it, and the row, deleted and inserted again at random, is decided
     * by the later stamp; the sums converge too (tombstones keep them, re-inserts carry the row their
     * tombstone kept).
     */
    @Test
    void countersConvergeUnderRandomLoad() throws Exception {
        assertTheLaterStampWins(runRandomLoad("counters", "{ name: conv_counters.items, counters: [qty] }",
                leader -> Clock.systemUTC()));
    }

    /**
     * Version column ver, set by every write to the writing leader's time (an application's
     * updated_at): every leader ends with the row of the highest version, deletes counting with the
     * version of the row they deleted.
     */
    @Test
    void versionColumnConvergesUnderRandomLoad() throws Exception {
        List<History> history = runRandomLoad("vercol", "{ name: conv_vercol.items, detect: version-column, "
                + "version-column: ver }", leader -> Clock.systemUTC(), true);
        assertThat(history).as("seed %d: decided by version", SEED).allSatisfy(h ->
                assertThat(h.reason).as(h.toString()).containsIgnoringCase("version"));
    }

    @Test
    void detectColumnsConvergesUnderRandomLoad() throws Exception {
        assertTheLaterStampWins(runRandomLoad("detcols", "{ name: conv_detcols.items, detect: columns }",
                leader -> Clock.systemUTC()));
    }

    /**
     * Version column ver. With the bridge stopped, dc1 raises row 1 to version 9, dc2 deletes it
     * (it was at version 1) and dc3 raises it to version 5, in that stamp order, so the version order
     * and the stamp order disagree and the delete lies between them; rows 2 and 3 repeat it with the
     * leaders' roles turned. A delete counts with the version of the row it deleted, kept by its
     * tombstone, so every leader ends with the version-9 row, whatever order it met them in.
     */
    @Test
    void versionColumnConvergesWhenADeleteLiesBetweenTwoUpdatesOfOpposedOrder() throws Exception {
        fx.executeEverywhere("CREATE DATABASE conv_ver",
                "CREATE TABLE conv_ver.items (id INT PRIMARY KEY, ver INT NOT NULL, name VARCHAR(40))");
        BridgeConfig config = ConfigLoader.load(fx.writeConfig("ver", List.of(
                "{ name: conv_ver.items, detect: version-column, version-column: ver }"), null));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO conv_ver.items VALUES (1, 1, 'base'), (2, 1, 'base'), (3, 1, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        List<List<String>> roles = List.of(List.of("dc1", "dc2", "dc3"), List.of("dc3", "dc1", "dc2"),
                List.of("dc2", "dc3", "dc1"));
        for (int id = 1; id <= 3; id++) {
            List<String> r = roles.get(id - 1);
            fx.execute(r.get(0), "UPDATE conv_ver.items SET ver = 9, name = 'nine' WHERE id = " + id);
            fx.execute(r.get(1), "DELETE FROM conv_ver.items WHERE id = " + id);
            fx.execute(r.get(2), "UPDATE conv_ver.items SET ver = 5, name = 'five' WHERE id = " + id);
        }
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM conv_ver.items WHERE ver = 9 AND name = 'nine'"))
                    .as(leader).isEqualTo(3);
        }
        assertThat(fx.queryLong("dc1", "SELECT COUNT(*) FROM concord_ver.conflict_history WHERE reason LIKE "
                + "'%of the deleted row%'")).as("decisions against a delete name the deleted row's version").isPositive();
    }

    @Test
    void manualKeepsTheLastWriterProvisionallyAndStoresEveryConflict() throws Exception {
        List<History> history = runRandomLoad("manual", "{ name: conv_manual.items, resolve: manual }",
                leader -> Clock.systemUTC());
        for (History h : history) {
            assertThat(h.stored).as("seed %d: %s", SEED, h).isTrue();
            assertThat(h.winner).as("seed %d: provisional winner of %s", SEED, h).isEqualTo(h.laterLeader());
        }
        long open = 0;
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            open += fx.queryLong(leader, "SELECT COUNT(*) FROM concord_manual.conflict");
        }
        assertThat(open).as("seed %d: open conflicts stored", SEED).isPositive();
    }

    /**
     * Priority dc2, dc1, dc3: every recorded decision goes to the version of higher precedence, and
     * priority did decide (some conflicts were won by the earlier-listed leader's earlier stamp).
     */
    @Test
    void leaderPriorityConvergesUnderRandomLoad() throws Exception {
        List<History> history = runRandomLoad("prio",
                "{ name: conv_prio.items, resolve: leader-priority, priority: [dc2, dc1, dc3] }", leader -> Clock.systemUTC());
        for (History h : history) {
            assertThat(h.winner).as("seed %d: %s", SEED, h).isEqualTo(h.higherPrecedenceLeader());
        }
        List<String> order = List.of("dc2", "dc1", "dc3");
        assertThat(history).as("seed %d: some conflict went to the earlier-listed leader's earlier stamp", SEED)
                .anyMatch(h -> !h.winner.equals(h.laterLeader())
                        && order.indexOf(h.winner) < order.indexOf(h.winner.equals(h.localLeader) ? h.remoteLeader : h.localLeader));
    }

    /**
     * Priority dc1, dc2, dc3. dc2 updates a row and goes down before the bridge saw it; dc1 updates
     * the row, dc3 receives that and writes on top of it. When dc2 is back, dc3's version meets dc2's
     * concurrent one: it was written on dc1's version, so it carries dc1's rank and wins on every
     * leader (the capture at dc3 read the version it overwrote); ranked by its own leader it would lose.
     */
    @Test
    void leaderPriorityLetsAWriteMadeOnAHigherRankedVersionCarryItsRank() throws Exception {
        fx.executeEverywhere("CREATE DATABASE conv_lineage",
                "CREATE TABLE conv_lineage.items (id INT PRIMARY KEY, name VARCHAR(40))");
        BridgeConfig config = ConfigLoader.load(fx.writeConfig("lineage", List.of(
                "{ name: conv_lineage.items, resolve: leader-priority, priority: [dc1, dc2, dc3] }"), null));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO conv_lineage.items VALUES (1, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        fx.execute("dc2", "UPDATE conv_lineage.items SET name = 'dc2 alone' WHERE id = 1");
        fx.leader("dc2").stop();
        try {
            fx.execute("dc1", "UPDATE conv_lineage.items SET name = 'by dc1' WHERE id = 1");
            try (HubRuntime bridge = HubRuntime.start(config)) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> "by dc1".equals(
                        fx.queryString("dc3", "SELECT name FROM conv_lineage.items WHERE id = 1")));
                fx.execute("dc3", "UPDATE conv_lineage.items SET name = 'dc3 on dc1' WHERE id = 1");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> "dc3 on dc1".equals(
                        fx.queryString("dc1", "SELECT name FROM conv_lineage.items WHERE id = 1")));
            }
        } finally {
            fx.leader("dc2").restart();
        }
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.awaitIdentical(config, Duration.ofSeconds(120));
        }
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            assertThat(fx.queryString(leader, "SELECT name FROM conv_lineage.items WHERE id = 1")).as(leader)
                    .isEqualTo("dc3 on dc1");
        }
        assertThat(fx.queryString("dc3", "SELECT reason FROM concord_lineage.conflict_history WHERE remote_leader = 'dc2'"))
                .startsWith("dc3 wins: dc3's version was written on a version that outranks dc2's (precedence ");
        assertThat(fx.queryLong("dc3", "SELECT stamp_precedence - stamp_micros FROM concord_lineage.row_version"))
                .as("dc3's version carries dc1's lead of three windows over the end of the list, less the time since")
                .isGreaterThan(2 * 86_400_000_000L);
    }

    @Test
    void aLeaderWhoseClockIsFiveSecondsAheadStillConverges() throws Exception {
        List<History> history = runRandomLoad("skew", "{ name: conv_skew.items }",
                leader -> leader.equals("dc2") ? Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5)) : Clock.systemUTC());
        assertTheLaterStampWins(history);
        assertThat(history).as("the stamps used are recorded, dc2's 5 s ahead")
                .anyMatch(h -> (h.localLeader.equals("dc2") && h.local.micros() > h.remote.micros() + 4_000_000)
                        || (h.remoteLeader.equals("dc2") && h.remote.micros() > h.local.micros() + 4_000_000));
    }

    /** Per differing key and leader: every conflict met on it (type, outcome, both versions, base, result). */
    private static String whatHappenedTo(io.concordbridge.connectors.verify.VerifyReport report, String meta) {
        StringBuilder b = new StringBuilder();
        for (var table : report.tables()) {
            for (var diff : table.firstDifferences()) {
                for (String leader : List.of("dc1", "dc2", "dc3")) {
                    b.append("\n").append(leader).append(' ').append(table.table()).append(' ').append(diff.key());
                    try (java.sql.Connection c = fx.leader(leader).connect(); java.sql.Statement st = c.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("SELECT type, outcome, winner, local_leader,"
                                 + " local_stamp_micros, remote_leader, remote_stamp_micros, local_row, remote_row, base_row,"
                                 + " result_row FROM " + meta + ".conflict_history WHERE row_key = '" + diff.key()
                                 + "' ORDER BY id")) {
                        while (rs.next()) {
                            b.append("\n  ");
                            for (int i = 1; i <= 11; i++) {
                                b.append(rs.getString(i)).append(i < 11 ? " | " : "");
                            }
                        }
                    } catch (java.sql.SQLException e) {
                        b.append(" (history unreadable: ").append(e.getMessage()).append(')');
                    }
                }
            }
        }
        return b.toString();
    }

    private static void assertTheLaterStampWins(List<History> history) {
        for (History h : history) {
            assertThat(h.winner).as("seed %d: %s", SEED, h).isEqualTo(h.laterLeader());
        }
    }

    private List<History> runRandomLoad(String name, String tableEntry, java.util.function.Function<String, Clock> clocks)
            throws Exception {
        return runRandomLoad(name, tableEntry, clocks, false);
    }

    private List<History> runRandomLoad(String name, String tableEntry, java.util.function.Function<String, Clock> clocks,
                                        boolean versioned) throws Exception {
        String db = "conv_" + name;
        fx.executeEverywhere("CREATE DATABASE " + db, "CREATE TABLE " + db + ".items "
                + (versioned ? VERSIONED_TABLE : TABLE));
        Path file = fx.writeConfig(name, List.of(tableEntry), null);
        BridgeConfig config = ConfigLoader.load(file);
        RandomWorkload workload = new RandomWorkload(db + ".items", 15, 150, 2, SEED, versioned);
        try (HubRuntime bridge = HubRuntime.start(config, clocks)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            workload.run(List.copyOf(fx.cluster.leaders().values()));
            fx.awaitIdentical(config, Duration.ofSeconds(180));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var report = fx.verify(config);
            throw new AssertionError("seed " + SEED + ": leaders did not converge: " + report.describe()
                    + whatHappenedTo(report, "concord_" + name), e);
        }
        List<History> all = new ArrayList<>();
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            all.addAll(history(leader, "concord_" + name));
        }
        System.out.printf("seed %d, %s: %d conflict records on the three leaders, by type %s%n", SEED, name, all.size(),
                new java.util.TreeMap<>(all.stream().collect(java.util.stream.Collectors.groupingBy(History::type,
                        java.util.stream.Collectors.counting()))));
        assertThat(all).as("seed %d: conflicts were recorded", SEED).isNotEmpty();
        return all.stream().filter(h -> h.judgeable()).toList();
    }

    private record History(String leader, String type, String outcome, String winner, String localLeader, Stamp local,
                           String remoteLeader, Stamp remote, boolean stored, Long localQty, Long remoteQty,
                           String reason) {

        boolean judgeable() {
            return local != null && remote != null && !type.equals("unique_violation") && winner != null;
        }

        String laterLeader() {
            return remote.compareTo(local) > 0 ? remoteLeader : localLeader;
        }

        String higherPrecedenceLeader() {
            return remote.comparePrecedence(local) > 0 ? remoteLeader : localLeader;
        }
    }

    private static Long qty(String json) {
        return json == null ? null : Long.valueOf(json);
    }

    private static List<History> history(String leader, String meta) throws Exception {
        List<History> rows = new ArrayList<>();
        try (Connection c = fx.leader(leader).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, outcome, winner, local_leader, local_stamp_micros, local_stamp_leader,"
                     + " remote_leader, remote_stamp_micros, remote_stamp_leader, kept_open, local_stamp_precedence,"
                     + " remote_stamp_precedence, JSON_VALUE(local_row, '$.qty'), JSON_VALUE(remote_row, '$.qty'), reason"
                     + " FROM " + meta + ".conflict_history")) {
            while (rs.next()) {
                Stamp local = rs.getString(6) == null ? null : new Stamp(rs.getLong(5), rs.getString(6), rs.getLong(11));
                Stamp remote = rs.getString(9) == null ? null : new Stamp(rs.getLong(8), rs.getString(9), rs.getLong(12));
                rows.add(new History(leader, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), local,
                        rs.getString(7), remote, rs.getInt(10) == 1, qty(rs.getString(13)), qty(rs.getString(14)),
                        rs.getString(15)));
            }
        }
        return rows;
    }
}
