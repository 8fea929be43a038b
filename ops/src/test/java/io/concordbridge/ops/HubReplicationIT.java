package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.pipeline.PipelineStats;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Three leaders in a full mesh, one hub process: every write arrives everywhere, nothing echoes. */
class HubReplicationIT {

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);



    @Test
    void writesOnEveryLeaderArriveEverywhereWithoutEcho() throws Exception {
        fx.executeEverywhere("CREATE DATABASE mesh",
                "CREATE TABLE mesh.items (id INT PRIMARY KEY, name VARCHAR(50), qty INT)",
                "CREATE TABLE mesh.pairs (a INT, b VARCHAR(10), v TEXT, PRIMARY KEY (a, b))");
        BridgeConfig config = fx.config("mesh", List.of("mesh.items", "mesh.pairs"));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            int n = 0;
            for (String leader : List.of("dc1", "dc2", "dc3")) {
                n++;
                int base = n * 1000;
                fx.execute(leader,
                        "INSERT INTO mesh.items VALUES (" + base + ", 'a', 1), (" + (base + 1) + ", 'b', 2), (" + (base + 2) + ", 'c', 3)",
                        "INSERT INTO mesh.pairs VALUES (" + n + ", 'x', 'one'), (" + n + ", 'y', 'two')",
                        "UPDATE mesh.items SET qty = qty * 10 WHERE id = " + base,
                        "DELETE FROM mesh.items WHERE id = " + (base + 2),
                        "UPDATE mesh.pairs SET b = 'z' WHERE a = " + n + " AND b = 'y'",
                        "START TRANSACTION",
                        "INSERT INTO mesh.items VALUES (" + (base + 10) + ", 'tx', 10), (" + (base + 11) + ", 'tx', 11)",
                        "UPDATE mesh.items SET name = 'tx-upd' WHERE id = " + (base + 1),
                        "COMMIT");
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            for (String leader : List.of("dc1", "dc2", "dc3")) {
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM mesh.items")).isEqualTo(12);
                assertThat(fx.queryLong(leader, "SELECT SUM(qty) FROM mesh.items"))
                        .isEqualTo(3 * (10 + 2 + 10 + 11));
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM mesh.pairs WHERE b = 'z'")).isEqualTo(3);
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM mesh.items WHERE name = 'tx-upd'")).isEqualTo(3);
            }

            Map<String, String> positions = Map.of("dc1", fx.masterStatus("dc1"), "dc2", fx.masterStatus("dc2"),
                    "dc3", fx.masterStatus("dc3"));
            Thread.sleep(5000);
            for (String leader : positions.keySet()) {
                assertThat(fx.masterStatus(leader)).as("binlog of %s stays still once drained (no echo)", leader)
                        .isEqualTo(positions.get(leader));
            }
            PipelineStats stats = bridge.stats();
            for (String target : List.of("dc1", "dc2", "dc3")) {
                long applied = 0;
                long capturedElsewhere = 0;
                for (String origin : List.of("dc1", "dc2", "dc3")) {
                    if (!origin.equals(target)) {
                        applied += stats.applied(origin, target);
                        capturedElsewhere += stats.captured(origin);
                    }
                }
                assertThat(capturedElsewhere).isGreaterThan(0);
                assertThat(applied).as("changes applied at %s = changes captured at the others", target)
                        .isEqualTo(capturedElsewhere);
                assertThat(stats.echoesDropped(target)).as("the capture of %s saw and dropped the applies", target)
                        .isGreaterThan(0);
                assertThat(stats.lastCaptureError(target)).as("the capture of %s never stopped (the meta schema's DDL"
                        + " parses in Debezium)", target).isEmpty();
            }
        }
    }

    @Test
    void aLeaderThatIsDownDoesNotStopTheOthersAndCatchesUpWhenBack() throws Exception {
        fx.executeEverywhere("CREATE DATABASE outage",
                "CREATE TABLE outage.notes (id INT PRIMARY KEY, body VARCHAR(100))");
        BridgeConfig config = fx.config("outage", List.of("outage.notes"));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO outage.notes VALUES (1, 'before')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));

            fx.leader("dc3").stop();
            for (int i = 0; i < 50; i++) {
                fx.execute("dc1", "INSERT INTO outage.notes VALUES (" + (100 + i) + ", 'while dc3 is down')");
                fx.execute("dc2", "INSERT INTO outage.notes VALUES (" + (200 + i) + ", 'while dc3 is down')");
            }
            fx.execute("dc2", "UPDATE outage.notes SET body = 'changed' WHERE id = 1");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    fx.queryLong("dc1", "SELECT COUNT(*) FROM outage.notes") == 101
                            && fx.queryLong("dc2", "SELECT COUNT(*) FROM outage.notes") == 101
                            && fx.queryLong("dc1", "SELECT COUNT(*) FROM outage.notes WHERE body = 'changed'") == 1);
            assertThat(bridge.stats().applyState("dc3")).isEqualTo(io.concordbridge.core.pipeline.LeaderState.DOWN);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    bridge.stats().captureState("dc3") == io.concordbridge.core.pipeline.LeaderState.DOWN);

            fx.leader("dc3").restart();
            fx.execute("dc3", "INSERT INTO outage.notes VALUES (300, 'after dc3 came back')");
            fx.awaitIdentical(config, Duration.ofSeconds(120));
            assertThat(fx.queryLong("dc3", "SELECT COUNT(*) FROM outage.notes")).isEqualTo(102);
            assertThat(fx.queryLong("dc1", "SELECT COUNT(*) FROM outage.notes WHERE id = 300")).isEqualTo(1);
        }
    }

    /**
     * The origins' logs apply to a target in parallel lanes: while an application transaction on
     * dc3 holds the lock of a row that dc1's change needs, dc2's changes keep arriving at dc3; dc1's
     * waits, and applies once the lock is released (nothing lost, nothing out of order).
     */
    @Test
    void aRowLockedAtTheTargetHoldsUpOnlyTheOriginThatWritesIt() throws Exception {
        fx.executeEverywhere("CREATE DATABASE lanes",
                "CREATE TABLE lanes.items (id INT PRIMARY KEY, v VARCHAR(40))");
        BridgeConfig config = fx.config("lanes", List.of("lanes.items"));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO lanes.items VALUES (1, 'start')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));

            try (java.sql.Connection holder = fx.leader("dc3").connect();
                 java.sql.Statement s = holder.createStatement()) {
                holder.setAutoCommit(false);
                s.executeQuery("SELECT * FROM lanes.items WHERE id = 1 FOR UPDATE").close();
                fx.execute("dc1", "UPDATE lanes.items SET v = 'from dc1' WHERE id = 1",
                        "INSERT INTO lanes.items VALUES (10, 'after the locked row, from dc1')");
                for (int i = 0; i < 20; i++) {
                    fx.execute("dc2", "INSERT INTO lanes.items VALUES (" + (100 + i) + ", 'from dc2')");
                }
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        fx.queryLong("dc3", "SELECT COUNT(*) FROM lanes.items WHERE v = 'from dc2'") == 20);
                assertThat(fx.queryLong("dc3", "SELECT COUNT(*) FROM lanes.items WHERE id = 10"))
                        .as("dc1's next change waits behind its change of the locked row").isZero();
                holder.rollback();
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            assertThat(fx.queryString("dc3", "SELECT v FROM lanes.items WHERE id = 1")).isEqualTo("from dc1");
            assertThat(fx.queryLong("dc3", "SELECT COUNT(*) FROM lanes.items")).isEqualTo(22);
        }
    }
}
