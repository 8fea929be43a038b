package io.concordbridge.ops;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.connectors.verify.VerifyReport;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.demo.LocalCluster;
import io.concordbridge.ops.runtime.Verify;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Real leaders dc1..dcN for the tests of one class (register it as a static
 * {@code @RegisterExtension} field: it starts them before the class and removes them after), and
 * a fresh bridge config per test: its own database, meta schema and state directory, so tests of
 * a class do not see each other.
 */
final class ClusterFixture implements BeforeAllCallback, AfterAllCallback {

    private final int count;
    LocalCluster cluster;
    private Path dir;

    ClusterFixture(int leaders) {
        this.count = leaders;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("concord-it");
        cluster = LocalCluster.start(dir.resolve("leaders"), count, List.of());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close(true);
        }
        LocalMariaDb.deleteTree(dir);
    }

    /** This class's folder: the leaders' datadirs, configs, state directories and logs. */
    Path dir() {
        return dir;
    }

    LocalMariaDb leader(String name) {
        return cluster.leader(name);
    }

    /** A config replicating the given tables, with meta schema {@code concord_<name>} and its own state dir. */
    Path writeConfig(String name, List<String> tables, String extraYaml) {
        return cluster.writeConfig(dir.resolve(name + ".yaml"), name, tables, dir.resolve("state-" + name),
                "concord_" + name, extraYaml);
    }

    BridgeConfig config(String name, List<String> tables) {
        return ConfigLoader.load(writeConfig(name, tables, null));
    }

    void executeEverywhere(String... sql) {
        cluster.executeEverywhere(sql);
    }

    void execute(String leader, String... sql) {
        try (Connection c = leader(leader).connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(leader + ": " + e.getMessage(), e);
        }
    }

    long queryLong(String leader, String sql) {
        try (Connection c = leader(leader).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(leader + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    String queryString(String leader, String sql) {
        try (Connection c = leader(leader).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(leader + ": " + e.getMessage(), e);
        }
    }

    String masterStatus(String leader) {
        try (Connection c = leader(leader).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getString(1) + ":" + rs.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException(leader + ": " + e.getMessage(), e);
        }
    }

    VerifyReport verify(BridgeConfig config) {
        return Verify.run(config, new PrintStream(PrintStream.nullOutputStream()));
    }

    /** Waits until verify says every leader holds the same rows. */
    void awaitIdentical(BridgeConfig config, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> verify(config).identical());
    }

}
