package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the bridge in the middle of 20,000 writes, then a restart: every leader ends with
 * every row, and triggers on the replicated table — which count every insert attempt, including
 * an upsert that would re-apply a row — prove nothing was applied twice or skipped.
 */
class CrashRecoveryIT {

    private static final int ROWS_PER_LEADER = 6_667;

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);



    @Test
    void killNineMidStreamNeitherSkipsNorRepeats() throws Exception {
        fx.executeEverywhere("CREATE DATABASE crash", "CREATE DATABASE crash_audit",
                "CREATE TABLE crash.events (id BIGINT PRIMARY KEY, origin VARCHAR(8), payload VARCHAR(64))",
                "CREATE TABLE crash_audit.seen (n BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL)",
                "CREATE TRIGGER crash.count_inserts BEFORE INSERT ON crash.events FOR EACH ROW "
                        + "INSERT INTO crash_audit.seen (id) VALUES (NEW.id)");
        Path configFile = fx.writeConfig("crash", List.of("crash.events"), null);
        BridgeConfig config = ConfigLoader.load(configFile);
        Path log = fx.dir().resolve("bridge.log");

        BridgeProcess bridge = BridgeProcess.start(log, "run", "--config", configFile.toString());
        try {
            bridge.awaitLog("streaming", 3, Duration.ofSeconds(120));
            AtomicInteger written = new AtomicInteger();
            List<Thread> writers = startWriters(written);
            while (written.get() < 6_000) {
                Thread.sleep(50);
            }
            bridge.kill();
            int atKill = written.get();
            Thread.sleep(1_000);
            bridge = BridgeProcess.start(log, "run", "--config", configFile.toString());
            for (Thread t : writers) {
                t.join();
            }
            assertThat(atKill).isLessThan(3 * ROWS_PER_LEADER);
            fx.awaitIdentical(config, Duration.ofSeconds(180));
            assertThat(bridge.terminate()).as("exit code after SIGTERM").isZero();
        } finally {
            bridge.close();
        }
        long total = 3L * ROWS_PER_LEADER;
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM crash.events")).isEqualTo(total);
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM crash_audit.seen"))
                    .as("insert attempts seen by the trigger on %s (a re-applied row would count twice)", leader)
                    .isEqualTo(total);
            assertThat(fx.queryLong(leader, "SELECT COUNT(DISTINCT id) FROM crash_audit.seen")).isEqualTo(total);
        }
    }

    private static List<Thread> startWriters(AtomicInteger written) {
        List<Thread> writers = new ArrayList<>();
        int n = 0;
        for (String leader : List.of("dc1", "dc2", "dc3")) {
            long base = ++n * 1_000_000L;
            Thread t = new Thread(() -> {
                try (Connection c = fx.leader(leader).connect();
                     PreparedStatement ps = c.prepareStatement(
                             "INSERT INTO crash.events (id, origin, payload) VALUES (?, ?, ?)")) {
                    c.setAutoCommit(false);
                    int i = 0;
                    while (i < ROWS_PER_LEADER) {
                        int inTx = (i % 100 == 0) ? 5 : 1;
                        for (int k = 0; k < inTx && i < ROWS_PER_LEADER; k++, i++) {
                            ps.setLong(1, base + i);
                            ps.setString(2, leader);
                            ps.setString(3, "row " + i);
                            ps.executeUpdate();
                        }
                        c.commit();
                        written.addAndGet(inTx);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer-" + leader);
            t.start();
            writers.add(t);
        }
        return writers;
    }
}
