package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.TableId;
import io.debezium.connector.binlog.BinlogEventMetadataProvider;
import io.debezium.connector.mariadb.MariaDbConnector;
import io.debezium.data.Envelope;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.spi.schema.DataCollectionId;
import io.debezium.util.Clock;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LeanMariaDbConnectorTest {

    private static final io.debezium.relational.TableId ITEM = new io.debezium.relational.TableId("db", null, "item");
    private static final Struct KEY = new Struct(SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build())
            .put("id", 4711);

    @Test
    void aSwappedMeterSummarizesByTableAndCountsOn() {
        CommonEventMeter meter = new CommonEventMeter(Clock.system(), new BinlogEventMetadataProvider());
        meter.onEvent(ITEM, null, KEY, null, Envelope.Operation.CREATE);
        assertThat(meter.getLastEvent()).as("Debezium's own summary dumps the key").contains("4711");

        assertThat(LeanMariaDbConnector.skipSummaries(meter)).isTrue();
        meter.onEvent(ITEM, null, KEY, null, Envelope.Operation.UPDATE);
        assertThat(meter.getLastEvent()).isEqualTo("db.item");
        assertThat(meter.getTotalNumberOfEventsSeen()).isEqualTo(2);
        assertThat(meter.getTotalNumberOfCreateEventsSeen()).isEqualTo(1);
        assertThat(meter.getTotalNumberOfUpdateEventsSeen()).isEqualTo(1);

        assertThat(LeanMariaDbConnector.skipSummaries(meter)).as("a second swap keeps the one replacement").isTrue();
        meter.onEvent(ITEM, null, KEY, null, Envelope.Operation.DELETE);
        assertThat(meter.getLastEvent()).isEqualTo("db.item");
    }

    @Test
    void theReplacementAnswersAllButTheSummaryFromTheOriginal() {
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        EventMetadataProvider original = new EventMetadataProvider() {
            @Override
            public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                return at;
            }

            @Override
            public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key,
                                                              Struct value) {
                return Map.of("file", "bin.000001", "pos", "4");
            }

            @Override
            public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                return "0-1-7";
            }

            @Override
            public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                throw new AssertionError("the original summary is not made");
            }
        };
        EventMetadataProvider replacement = new LeanMariaDbConnector.TableSummaries(original);

        assertThat(replacement.toSummaryString(ITEM, null, KEY, null)).isEqualTo("db.item");
        assertThat(replacement.getEventTimestamp(ITEM, null, KEY, null)).isEqualTo(at);
        assertThat(replacement.getEventSourcePosition(ITEM, null, KEY, null)).containsEntry("file", "bin.000001");
        assertThat(replacement.getTransactionId(ITEM, null, KEY, null)).isEqualTo("0-1-7");
        assertThat(replacement.getTransactionInfo(ITEM, null, KEY, null).getTransactionId()).isEqualTo("0-1-7");
    }

    @Test
    void whatCannotBeSwappedKeepsTheSummaryWithoutFailing() {
        assertThat(LeanMariaDbConnector.skipSummaries((ChangeEventSourceCoordinator<?, ?>) null)).isFalse();
        assertThat(LeanMariaDbConnector.skipSummaries((CommonEventMeter) null)).isFalse();
    }

    @Test
    void theEngineRunsTheConnectorWhoseTaskSeesTheStockConnectorClass() throws Exception {
        Properties engine = EngineProperties.of(new LeaderConfig("dc1", "db1", 3306, "bridge", new Secret("s")),
                List.of(new TableId("shop", "item"), new TableId("concord", "checkpoint")), new TableId("concord", "checkpoint"),
                Path.of("state"), CaptureConfig.defaults(), 1_000_000_001L, "no_data");
        Class<?> connectorClass = Class.forName(engine.getProperty("connector.class"));
        assertThat(connectorClass).isEqualTo(LeanMariaDbConnector.class);

        LeanMariaDbConnector connector = (LeanMariaDbConnector) connectorClass.getDeclaredConstructor().newInstance();
        connector.start(Map.of("connector.class", connectorClass.getName(), "topic.prefix", "dc1",
                LeanMariaDbConnector.MARKER_TABLE, engine.getProperty(LeanMariaDbConnector.MARKER_TABLE)));
        List<Map<String, String>> tasks = connector.taskConfigs(1);
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("connector.class", MariaDbConnector.class.getName());
            assertThat(t).containsEntry("topic.prefix", "dc1");
            assertThat(t).as("the task learns the marker table").containsEntry(LeanMariaDbConnector.MARKER_TABLE, "concord.checkpoint");
        });
        Task task = connector.taskClass().getDeclaredConstructor().newInstance();
        assertThat(task).isInstanceOf(LeanMariaDbConnector.LeanTask.class);
    }
}
