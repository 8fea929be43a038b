package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Groovy handlers end to end on three leaders: concurrent writes to one row on dc1 and dc2 meet, the
 * handler runs once at dc1 (first in the priority order) and its answer reaches every leader as a
 * resolution; slow, throwing and looping handlers leave the fallback to decide while other rows keep
 * flowing; a handler that is not deterministic still leaves every leader identical; an edited file
 * is used from the next conflict on; a file that breaks the sandbox or does not compile stops
 * start-up naming file, line and column.
 */
class HandlerIT {

    private static final List<String> LEADERS = List.of("dc1", "dc2", "dc3");
    private static final String META = "concord_hnd";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);

    private static Path handlers;
    private static Path configFile;
    private static BridgeConfig config;

    @BeforeAll
    static void setUp() throws Exception {
        handlers = Files.createDirectories(fx.dir().resolve("handlers"));
        Path examples = io.concordbridge.ops.metrics.RepositoryRoot.find().resolve("handlers/examples");
        Files.copy(examples.resolve("merge-quantities.groovy"), handlers.resolve("merge-quantities.groovy"));
        Files.copy(examples.resolve("defer-price.groovy"), handlers.resolve("defer-price.groovy"));
        Files.writeString(handlers.resolve("slow.groovy"), "long n = 0\nwhile (n >= 0) { n++ }\nkeepLocal()\n");
        Files.writeString(handlers.resolve("boom.groovy"), "throw new IllegalStateException('boom on ' + local.leader)\n");
        Files.writeString(handlers.resolve("random.groovy"), "merge(local.row.with(note: 'r' + Math.random()))\n");
        Files.writeString(handlers.resolve("versioned.groovy"), "merge(local.row.with(note: 'v1'))\n");
        List<String> tables = List.of("orders", "priced", "slow", "boom", "rnd", "ver", "plain");
        fx.executeEverywhere("CREATE DATABASE hnd");
        for (String t : tables) {
            fx.executeEverywhere("CREATE TABLE hnd." + t + " (id INT PRIMARY KEY, qty INT NOT NULL, price DECIMAL(8,2),"
                    + " note VARCHAR(40))");
        }
        configFile = fx.writeConfig("hnd", List.of(
                "{ name: hnd.orders, resolve: handler, handler: merge-quantities.groovy }",
                "{ name: hnd.priced, resolve: handler, handler: defer-price.groovy }",
                "{ name: hnd.slow, resolve: handler, handler: slow.groovy, fallback: manual }",
                "{ name: hnd.boom, resolve: handler, handler: boom.groovy, fallback: last-writer-wins }",
                "{ name: hnd.rnd, resolve: handler, handler: random.groovy }",
                "{ name: hnd.ver, resolve: handler, handler: versioned.groovy }",
                "hnd.plain"),
                "handlers: { dir: " + handlers + ", timeout-ms: 300, threads: 2 }");
        config = ConfigLoader.load(configFile);
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (String t : tables) {
                fx.execute("dc1", "INSERT INTO hnd." + t + " VALUES (1, 10, 5.00, 'base'), (2, 10, 5.00, 'base')");
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @Test
    void theMergeHandlerAddsBothQuantitiesOnEveryLeaderAndTheHistoryRecordsIt() throws Exception {
        fx.execute("dc1", "UPDATE hnd.orders SET qty = qty + 3, note = 'dc1' WHERE id = 1");
        fx.execute("dc2", "UPDATE hnd.orders SET qty = qty + 5, note = 'dc2' WHERE id = 1");
        fx.execute("dc2", "UPDATE hnd.priced SET price = 6.00 WHERE id = 1");
        fx.execute("dc3", "UPDATE hnd.priced SET price = 7.00 WHERE id = 1");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT qty FROM hnd.orders WHERE id = 1")).as("10 + 3 + 5 on %s", leader).isEqualTo(18));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT COUNT(*) FROM " + META + ".conflict WHERE tbl = 'hnd.orders'")).isZero());
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".resolution WHERE tbl = 'hnd.orders'"
                        + " AND resolved_by LIKE 'handler:merge-quantities.groovy@%' AND leader = 'dc1'"))
                        .as("%s records the handler's resolution, written at dc1", leader).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fx.queryLong("dc2",
                    "SELECT COUNT(*) FROM " + META + ".conflict WHERE tbl = 'hnd.priced' AND reason LIKE"
                            + " '%deferred: price changed on dc2 and dc3%'")).as("stored with the handler's reason")
                    .isEqualTo(1));
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @Test
    void replayShowsWhereAnotherHandlerWouldDecideDifferentlyAndTheSameHandlerNowhere() throws Exception {
        fx.execute("dc1", "UPDATE hnd.orders SET qty = qty + 1, note = 'dc1' WHERE id = 2");
        fx.execute("dc2", "UPDATE hnd.orders SET qty = qty + 2, note = 'dc2' WHERE id = 2");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT qty FROM hnd.orders WHERE id = 2")).isEqualTo(13));
            }
        }
        Path keepLocal = Files.writeString(fx.dir().resolve("keep-local.groovy"), "keepLocal()\n");
        String same = Cli.run(0, "handlers", "replay", handlers.resolve("merge-quantities.groovy").toString(),
                "--config", configFile.toString(), "--leader", "dc1", "--table", "hnd.orders");
        assertThat(same).contains(" 0 different");
        String other = Cli.run(1, "handlers", "replay", keepLocal.toString(), "--config", configFile.toString(),
                "--leader", "dc1", "--table", "hnd.orders");
        assertThat(other).contains("recorded {\"id\":2,\"qty\":13", "keep-local.groovy@").doesNotContain(" 0 different");
    }


    @Test
    void slowThrowingAndLoopingHandlersFallBackAndOtherRowsKeepFlowing() throws Exception {
        fx.execute("dc1", "UPDATE hnd.slow SET note = 'dc1' WHERE id = 1", "UPDATE hnd.boom SET note = 'dc1' WHERE id = 1");
        fx.execute("dc2", "UPDATE hnd.slow SET note = 'dc2' WHERE id = 1", "UPDATE hnd.boom SET note = 'dc2' WHERE id = 1");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                fx.execute(LEADERS.get(i % 3), "INSERT INTO hnd.plain VALUES (" + (100 + i) + ", " + i + ", 1.00, 'x')");
            }
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT COUNT(*) FROM hnd.plain WHERE id >= 100")).as("rows written meanwhile").isEqualTo(20));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(fx.queryLong("dc1", "SELECT COUNT(*) FROM " + META + ".conflict WHERE tbl = 'hnd.slow'"
                        + " AND reason LIKE '%slow.groovy%failed%timed out%'")).as("fallback manual").isEqualTo(1);
                for (String leader : LEADERS) {
                    assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict WHERE tbl = 'hnd.boom'"))
                            .as("fallback last-writer-wins closes it on %s", leader).isZero();
                    assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".resolution WHERE tbl = 'hnd.boom'"
                            + " AND note LIKE '%boom on dc1%'")).as("with the reason, on %s", leader).isEqualTo(1);
                }
            });
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @Test
    void aHandlerThatIsNotDeterministicStillLeavesEveryLeaderIdentical() throws Exception {
        fx.execute("dc1", "UPDATE hnd.rnd SET note = 'dc1' WHERE id = 1", "UPDATE hnd.rnd SET note = 'dc1' WHERE id = 2");
        fx.execute("dc2", "UPDATE hnd.rnd SET note = 'dc2' WHERE id = 1");
        fx.execute("dc3", "UPDATE hnd.rnd SET note = 'dc3' WHERE id = 2");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT COUNT(*) FROM hnd.rnd WHERE note LIKE 'r0.%'")).as("random notes on %s", leader)
                        .isEqualTo(2));
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @Test
    void anEditedHandlerIsUsedFromTheNextConflictOn() throws Exception {
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            concurrently("ver", 1);
            awaitNote("ver", 1, "v1");
            Files.writeString(handlers.resolve("versioned.groovy"), "merge(local.row.with(note: 'v2'))\n");
            Thread.sleep(1500);
            concurrently("ver", 2);
            awaitNote("ver", 2, "v2");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @Test
    void aHandlerThatBreaksTheSandboxOrDoesNotCompileStopsStartUpNamingFileLineAndColumn() throws Exception {
        Files.writeString(handlers.resolve("reads-file.groovy"), "def s = new File('/etc/passwd').text\nkeepLocal()\n");
        Files.writeString(handlers.resolve("broken.groovy"), "keepLocal(\n");
        for (String file : List.of("reads-file.groovy", "broken.groovy")) {
            BridgeConfig bad = ConfigLoader.load(fx.writeConfig("hnd_bad", List.of(
                    "{ name: hnd.plain, resolve: handler, handler: " + file + " }"),
                    "handlers: { dir: " + handlers + " }"));
            Throwable t = catchThrowable(() -> HubRuntime.start(bad).close());
            assertThat(t).as(file).isNotNull();
            assertThat(t.getMessage()).as(file).containsPattern(java.util.regex.Pattern.quote(file) + ":\\d+:\\d+");
        }
    }

    /**
     * Concurrent updates of one row on dc1 and dc2 while the bridge runs, made certain: dc2 holds the
     * row locked, so dc1's change waits in dc2's apply until dc2's own update commits.
     */
    private static void concurrently(String table, int id) throws Exception {
        try (java.sql.Connection c = fx.leader("dc2").connect(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeQuery("SELECT * FROM hnd." + table + " WHERE id = " + id + " FOR UPDATE").close();
            fx.execute("dc1", "UPDATE hnd." + table + " SET qty = qty + 1 WHERE id = " + id);
            Thread.sleep(500);
            s.executeUpdate("UPDATE hnd." + table + " SET qty = qty + 2 WHERE id = " + id);
            c.commit();
        }
    }

    private static void awaitNote(String table, int id, String note) {
        for (String leader : LEADERS) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                    "SELECT COUNT(*) FROM hnd." + table + " WHERE id = " + id + " AND note = '" + note + "'"))
                    .as("%s.%d on %s", table, id, leader).isEqualTo(1));
        }
    }
}
