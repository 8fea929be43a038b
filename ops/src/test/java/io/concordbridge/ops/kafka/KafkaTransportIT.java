package io.concordbridge.ops.kafka;

import io.concordbridge.connectors.transport.kafka.KafkaTransport;
import io.concordbridge.core.config.TransportConfig;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.TransportReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kafka transport alone against a real broker; each test uses its own topic prefix. */
class KafkaTransportIT {

    private static final List<String> LEADERS = List.of("dc1", "dc2");

    @RegisterExtension
    static final KafkaFixture kafka = new KafkaFixture();

    @Test
    void publishAssignsOffsetPlusOneAndTheHeadSurvivesARestart(TestInfo info) throws Exception {
        TransportConfig config = config(info);
        List<OriginTransaction> published;
        try (KafkaTransport t = KafkaTransport.start(config, LEADERS, Duration.ofSeconds(30))) {
            assertThat(t.head("dc1")).isEmpty();
            published = t.publish("dc1", List.of(tx("dc1", 1, 2), tx("dc1", 2, 1), anchor(3)));
            assertThat(published).extracting(OriginTransaction::seq).containsExactly(1L, 2L, 3L);
            assertThat(t.head("dc1")).contains(new LogHead(3, null, "bin.000001:3", "token-3", 2_000));
        }
        try (KafkaTransport t = KafkaTransport.start(config, LEADERS, Duration.ofSeconds(30))) {
            assertThat(t.head("dc1")).as("read back from the topic's last record")
                    .contains(new LogHead(3, null, "bin.000001:3", "token-3", 2_000));
            assertThat(t.head("dc2")).isEmpty();
            try (TransportReader r = t.open("dc1", 0)) {
                assertThat(read(r, 3, 100)).isEqualTo(published);
            }
            assertThat(t.publish("dc1", List.of(tx("dc1", 4, 1)))).extracting(OriginTransaction::seq).containsExactly(4L);
        }
    }

    @Test
    void aReaderStartsAfterTheGivenSeqAndKeepsTransactionsWhole(TestInfo info) throws Exception {
        try (KafkaTransport t = KafkaTransport.start(config(info), LEADERS, Duration.ofSeconds(30))) {
            t.publish("dc2", List.of(tx("dc2", 1, 3), tx("dc2", 2, 3), tx("dc2", 3, 3), tx("dc2", 4, 3)));
            try (TransportReader r = t.open("dc2", 1)) {
                List<OriginTransaction> first = r.poll(5, Duration.ofSeconds(10));
                assertThat(first).extracting(OriginTransaction::txId).containsExactly("gtid-2");
                assertThat(read(r, 2, 6)).extracting(OriginTransaction::seq).containsExactly(3L, 4L);
                long before = System.nanoTime();
                assertThat(r.poll(100, Duration.ofMillis(300))).as("nothing more").isEmpty();
                assertThat(System.nanoTime() - before).isGreaterThan(Duration.ofMillis(250).toNanos());
                t.publish("dc2", List.of(tx("dc2", 5, 1)));
                assertThat(read(r, 1, 100)).extracting(OriginTransaction::seq).containsExactly(5L);
            }
        }
    }

    @Test
    void aTransactionWrittenTwiceIsAppliedOnceEvenAcrossTheCheckpoint(TestInfo info) throws Exception {
        try (KafkaTransport t = KafkaTransport.start(config(info), LEADERS, Duration.ofSeconds(30))) {
            t.publish("dc1", List.of(tx("dc1", 1, 1), tx("dc1", 2, 1)));
            // a publish that failed after Kafka kept it, published again by the restarted capture
            t.publish("dc1", List.of(tx("dc1", 1, 1), tx("dc1", 2, 1), tx("dc1", 3, 1)));
            try (TransportReader r = t.open("dc1", 0)) {
                assertThat(read(r, 3, 100)).extracting(OriginTransaction::seq).containsExactly(1L, 2L, 5L);
            }
            try (TransportReader r = t.open("dc1", 3)) {
                assertThat(read(r, 1, 100)).as("seq 4 is a copy of seq 2, written before the checkpoint")
                        .extracting(OriginTransaction::txId).containsExactly("gtid-3");
            }
        }
    }

    @Test
    void aTopicWithThreePartitionsStopsStartUpNamingTopicAndSetting(TestInfo info) throws Exception {
        TransportConfig config = config(info);
        createTopic(new NewTopic(config.topic("dc2"), 3, (short) 1));
        assertThatThrownBy(() -> KafkaTransport.start(config, LEADERS, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + config.topic("dc2") + " has partitions=3")
                .hasMessageContaining("needs exactly 1");
    }

    @Test
    void aCompactedTopicStopsStartUpNamingTopicAndSetting(TestInfo info) throws Exception {
        TransportConfig config = config(info);
        createTopic(new NewTopic(config.topic("dc1"), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        assertThatThrownBy(() -> KafkaTransport.start(config, LEADERS, Duration.ofSeconds(30)))
                .hasMessageContaining("topic " + config.topic("dc1") + " has cleanup.policy=compact")
                .hasMessageContaining("would lose changes");
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRefusedAtCreation(TestInfo info) {
        TransportConfig one = config(info);
        TransportConfig three = new TransportConfig(one.kind(), one.bootstrapServers(), one.topicPrefix(), 1, 3);
        assertThatThrownBy(() -> KafkaTransport.start(three, LEADERS, Duration.ofSeconds(30)))
                .hasMessageContaining("replication factor 3")
                .hasMessageContaining("transport.replication-factor");
    }

    @Test
    void anUnreachableKafkaIsNamedAfterTheWait() {
        TransportConfig config = new TransportConfig(TransportConfig.Kind.KAFKA, "127.0.0.1:1", "concord.nowhere", 1, 1);
        assertThatThrownBy(() -> KafkaTransport.start(config, LEADERS, Duration.ofSeconds(3)))
                .hasMessageContaining("Kafka at 127.0.0.1:1 did not answer within 3 s");
    }

    private static TransportConfig config(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName().toLowerCase();
        return new TransportConfig(TransportConfig.Kind.KAFKA, kafka.bootstrapServers(),
                "concord.it." + name.substring(0, Math.min(30, name.length())), 1, 1);
    }

    private static void createTopic(NewTopic topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(topic)).all().get();
        }
    }

    private static List<OriginTransaction> read(TransportReader r, int count, int maxChanges) throws InterruptedException {
        List<OriginTransaction> out = new ArrayList<>();
        while (out.size() < count) {
            List<OriginTransaction> got = r.poll(maxChanges, Duration.ofSeconds(10));
            assertThat(got).as("transactions after %d of %d", out.size(), count).isNotEmpty();
            out.addAll(got);
        }
        return out;
    }

    /** Transaction n of {@code origin} with {@code changes} updates stamped n * 1000 + i. */
    private static OriginTransaction tx(String origin, long n, int changes) {
        List<Change> list = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Map<String, Object> before = new LinkedHashMap<>(Map.of("id", n * 100 + i, "qty", n));
            Map<String, Object> after = new LinkedHashMap<>(Map.of("id", n * 100 + i, "qty", n + 1));
            list.add(new Change(new TableId("shop", "orders"), Op.UPDATE, List.of("id"), before, after,
                    new Stamp(n * 1000 + i, origin)));
        }
        return new OriginTransaction(origin, 0, "gtid-" + n, "bin.000001:" + n, 1_700_000_000_000L + n,
                1_700_000_000_500L + n, list, "token-" + n);
    }

    private static OriginTransaction anchor(long n) {
        return new OriginTransaction("dc1", 0, null, "bin.000001:" + n, 0, 0, List.of(), "token-" + n);
    }
}
