package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.kafka.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sidecar mode end to end: three leaders, one real Kafka broker, and one bridge process per
 * leader ({@code run --leader dcN}), each reaching only its own database and Kafka. Random writes
 * converge without echo; a sidecar killed with -9, or the broker restarted, mid-stream neither
 * loses nor repeats an effect (triggers count every insert attempt); a topic with the wrong
 * settings stops the sidecar with a message naming topic and setting.
 */
class SidecarKafkaIT {

    private static final List<String> LEADERS = List.of("dc1", "dc2", "dc3");
    private static final long SEED = Long.getLong("convergence.seed", System.nanoTime() % 100_000);

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);
    @RegisterExtension
    static final KafkaFixture kafka = new KafkaFixture();

    private final Map<String, BridgeProcess> sidecars = new LinkedHashMap<>();

    @AfterEach
    void stopSidecarsAndKeepTheirLogs(org.junit.jupiter.api.TestInfo info) throws Exception {
        sidecars.values().forEach(BridgeProcess::close);
        Path kept = Path.of("target", "sidecar-logs", info.getTestMethod().orElseThrow().getName());
        java.nio.file.Files.createDirectories(kept);
        for (Map.Entry<String, BridgeProcess> e : sidecars.entrySet()) {
            java.nio.file.Files.writeString(kept.resolve(e.getKey() + ".log"), e.getValue().output());
        }
    }

    @Test
    void threeSidecarsConvergeUnderRandomWritesWithoutEcho() throws Exception {
        fx.executeEverywhere("CREATE DATABASE side_conv",
                "CREATE TABLE side_conv.items (id INT PRIMARY KEY, name VARCHAR(40), qty INT, note VARCHAR(40))");
        Path file = config("conv", "side_conv.items");
        BridgeConfig config = ConfigLoader.load(file);
        startSidecars("conv", file);
        try {
            new RandomWorkload("side_conv.items", 15, 150, 2, SEED).run(List.copyOf(fx.cluster.leaders().values()));
            fx.awaitIdentical(config, Duration.ofSeconds(120));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("seed " + SEED + ": leaders did not converge: " + fx.verify(config).describe(), e);
        }
        // Identical data does not mean drained: transactions that change no data (a conflict the local
        // version won) may still be applied. An echo would never stop (a full mesh plays it back and
        // forth), so the proof is that every binlog comes to rest, and stays there.
        org.awaitility.Awaitility.await("every binlog at rest for 3 s (no echo)").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Map<String, String> before = new LinkedHashMap<>();
                    LEADERS.forEach(l -> before.put(l, fx.masterStatus(l)));
                    Thread.sleep(3_000);
                    return LEADERS.stream().allMatch(l -> fx.masterStatus(l).equals(before.get(l)));
                });
        for (String leader : LEADERS) {
            assertThat(sidecars.get(leader).terminate()).as("exit code of the sidecar of %s after SIGTERM", leader).isZero();
        }
    }

    @Test
    void aSidecarKilledWithNineMidStreamNeitherSkipsNorRepeats() throws Exception {
        Path file = auditedTable("kill");
        startSidecars("kill", file);
        AtomicInteger written = new AtomicInteger();
        List<Thread> writers = EventWriters.start(fx, LEADERS, "side_kill.events", 1_500, 0, written);
        awaitWritten(written, 1_500);
        sidecars.get("dc2").kill();
        Thread.sleep(1_000);
        sidecars.put("dc2", BridgeProcess.start(fx.dir().resolve("kill-dc2.log"), runArgs(file, "dc2")));
        for (Thread t : writers) {
            t.join();
        }
        assertExactlyOnce("kill", 3 * 1_500, ConfigLoader.load(file));
    }

    @Test
    void aBrokerRestartMidStreamLosesAndRepeatsNothing() throws Exception {
        Path file = auditedTable("broker");
        startSidecars("broker", file);
        AtomicInteger written = new AtomicInteger();
        List<Thread> writers = EventWriters.start(fx, LEADERS, "side_broker.events", 1_500, 25, written);
        awaitWritten(written, 600);
        kafka.stop();
        int atStop = written.get();
        Thread.sleep(35_000); // past the producer's delivery timeout: publishes fail and captures restart
        assertThat(written.get()).as("rows written while Kafka was down").isGreaterThan(atStop + 300);
        kafka.start();
        for (Thread t : writers) {
            t.join();
        }
        assertExactlyOnce("broker", 3 * 1_500, ConfigLoader.load(file));
        assertThat(sidecars.get("dc1").output()).as("the sidecar said Kafka was unreachable")
                .contains("Kafka at " + kafka.bootstrapServers() + " unreachable");
    }

    @Test
    void aTopicWithWrongSettingsStopsTheSidecarNamingTopicAndSetting() throws Exception {
        fx.executeEverywhere("CREATE DATABASE side_wrong", "CREATE TABLE side_wrong.t (id INT PRIMARY KEY)");
        Path file = config("wrong", "side_wrong.t");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("concord.it.wrong.dc2", 3, (short) 1),
                    new NewTopic("concord.it.wrong.dc3", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
        BridgeProcess sidecar = BridgeProcess.start(fx.dir().resolve("wrong-dc1.log"), runArgs(file, "dc1"));
        sidecars.put("dc1", sidecar);
        assertThat(sidecar.waitFor(Duration.ofSeconds(90))).as("exit code").isNotZero();
        assertThat(sidecar.output())
                .contains("topic concord.it.wrong.dc2 has partitions=3; the bridge needs exactly 1")
                .contains("topic concord.it.wrong.dc3 has cleanup.policy=compact; the bridge needs delete");
    }

    private Path config(String name, String table) {
        return fx.writeConfig(name, List.of(table), "transport: { kind: kafka, bootstrap-servers: \""
                + kafka.bootstrapServers() + "\", topic-prefix: concord.it." + name + " }");
    }

    /** A table whose BEFORE INSERT trigger counts every insert attempt, so a re-applied row would count twice. */
    private Path auditedTable(String name) {
        fx.executeEverywhere("CREATE DATABASE side_" + name, "CREATE DATABASE side_" + name + "_audit",
                "CREATE TABLE side_" + name + ".events (id BIGINT PRIMARY KEY, origin VARCHAR(8), payload VARCHAR(64))",
                "CREATE TABLE side_" + name + "_audit.seen (n BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL)",
                "CREATE TRIGGER side_" + name + ".count_inserts BEFORE INSERT ON side_" + name + ".events FOR EACH ROW "
                        + "INSERT INTO side_" + name + "_audit.seen (id) VALUES (NEW.id)");
        return config(name, "side_" + name + ".events");
    }

    private void startSidecars(String name, Path file) throws Exception {
        for (String leader : LEADERS) {
            sidecars.put(leader, BridgeProcess.start(fx.dir().resolve(name + "-" + leader + ".log"), runArgs(file, leader)));
        }
        for (BridgeProcess p : sidecars.values()) {
            p.awaitLog("streaming", 1, Duration.ofSeconds(120));
        }
    }

    private static String[] runArgs(Path file, String leader) {
        return new String[]{"run", "--config", file.toString(), "--leader", leader};
    }

    private void assertExactlyOnce(String name, long total, BridgeConfig config) throws Exception {
        try {
            fx.awaitIdentical(config, Duration.ofSeconds(150));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + sidecarLogTails(), e);
        }
        for (String leader : LEADERS) {
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM side_" + name + ".events")).isEqualTo(total);
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM side_" + name + "_audit.seen"))
                    .as("insert attempts seen by the trigger on %s (a re-applied row would count twice)", leader)
                    .isEqualTo(total);
        }
        for (String leader : LEADERS) {
            assertThat(sidecars.get(leader).terminate()).as("exit code of the sidecar of %s after SIGTERM", leader).isZero();
        }
    }

    /** The last lines each sidecar logged, so that a failure in CI shows what the sidecars did. */
    private String sidecarLogTails() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, BridgeProcess> e : new java.util.TreeMap<>(sidecars).entrySet()) {
            List<String> lines = e.getValue().output().lines().filter(l -> !l.contains("NetworkClient")).toList();
            b.append("\n--- last lines of the sidecar of ").append(e.getKey()).append(" (Kafka client lines left out) ---\n");
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    private static void awaitWritten(AtomicInteger written, int count) throws InterruptedException {
        while (written.get() < count) {
            Thread.sleep(20);
        }
    }
}
