package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two leaders change the same rows while the bridge is stopped, so every change meets a concurrent
 * one: when the bridge runs again they converge, and both leaders record each conflict with the
 * same id and the same winner. The captures stamp the local writes and record their versions, the
 * applies wait for them where needed: this is the whole path, on real servers.
 */
class ConflictReplicationIT {

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(2);

    @Test
    void twoLeadersInsertingTheSameUniqueEmailStoreBothRowsAndTheRestKeepsFlowing() throws Exception {
        fx.executeEverywhere("CREATE DATABASE uniq",
                "CREATE TABLE uniq.users (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL, name VARCHAR(40),"
                        + " UNIQUE KEY by_email (email))");
        BridgeConfig config = ConfigLoader.load(fx.writeConfig("uniq", List.of("uniq.users"), null));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).as("first start: positions recorded").isTrue();
        }
        fx.execute("dc1", "INSERT INTO uniq.users VALUES (1, 'ann@example.com', 'Ann on dc1')");
        fx.execute("dc2", "INSERT INTO uniq.users VALUES (2, 'ann@example.com', 'Ann on dc2')");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO uniq.users VALUES (10, 'bob@example.com', 'Bob')");
            fx.execute("dc2", "INSERT INTO uniq.users VALUES (20, 'cy@example.com', 'Cy')");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    fx.queryLong("dc1", "SELECT COUNT(*) FROM uniq.users WHERE id IN (10, 20)") == 2
                            && fx.queryLong("dc2", "SELECT COUNT(*) FROM uniq.users WHERE id IN (10, 20)") == 2
                            && fx.queryLong("dc1", "SELECT COUNT(*) FROM concord_uniq.conflict") == 1
                            && fx.queryLong("dc2", "SELECT COUNT(*) FROM concord_uniq.conflict") == 1);
        }
        for (String leader : List.of("dc1", "dc2")) {
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM concord_uniq.conflict_history WHERE type = 'unique_violation'"
                    + " AND reason LIKE '%by_email%' AND local_row IS NOT NULL AND remote_row IS NOT NULL"))
                    .as("%s stored both rows and the index", leader).isEqualTo(1);
        }
        io.concordbridge.connectors.verify.VerifyReport report = fx.verify(config);
        assertThat(report.identical()).isFalse();
        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.differingKeys()).as(report.describe()).isEqualTo(2);
            assertThat(t.firstDifferences()).extracting(d -> d.key()).containsExactlyInAnyOrder("id=1", "id=2");
        });
    }

    @Test
    void concurrentWritesOfTheSameRowsConvergeWithTheSameDecisionOnBothLeaders() throws Exception {
        fx.executeEverywhere("CREATE DATABASE conf",
                "CREATE TABLE conf.items (id INT PRIMARY KEY, name VARCHAR(50))",
                "CREATE TABLE conf.stock (id INT PRIMARY KEY, qty INT, note VARCHAR(20))");
        BridgeConfig config = ConfigLoader.load(fx.writeConfig("conf",
                List.of("conf.items", "{ name: conf.stock, counters: [ qty ] }"), null));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO conf.items VALUES (1, 'base'), (2, 'base')",
                    "INSERT INTO conf.stock VALUES (1, 10, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        fx.execute("dc1", "UPDATE conf.items SET name = 'dc1' WHERE id = 1", "DELETE FROM conf.items WHERE id = 2",
                "INSERT INTO conf.items VALUES (3, 'dc1')", "UPDATE conf.stock SET qty = qty + 3 WHERE id = 1");
        fx.execute("dc2", "UPDATE conf.items SET name = 'dc2' WHERE id = 1", "UPDATE conf.items SET name = 'dc2' WHERE id = 2",
                "INSERT INTO conf.items VALUES (3, 'dc2')", "UPDATE conf.stock SET qty = qty + 5, note = 'dc2' WHERE id = 1");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.awaitIdentical(config, Duration.ofSeconds(120));
        }
        assertThat(fx.queryLong("dc1", "SELECT qty FROM conf.stock WHERE id = 1")).as("10 + 3 + 5").isEqualTo(18);
        List<String> dc1 = history("dc1");
        List<String> dc2 = history("dc2");
        assertThat(dc1).as("one record per conflict: items 1, 2 and 3, stock 1").hasSize(4);
        assertThat(dc2).as("the same conflicts with the same winners on both leaders").isEqualTo(dc1);
    }

    /**
     * {@code conflict_id tbl row_key winner}, in conflict_id order. Not the type: a delete against an
     * update is {@code update_missing} at one leader and {@code delete_differing} at the other.
     */
    private static List<String> history(String leader) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = fx.leader(leader).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CONCAT_WS(' ', conflict_id, tbl, row_key, winner) "
                     + "FROM concord_conf.conflict_history ORDER BY conflict_id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
