package io.concordbridge.connectors.capture.mariadb;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.concordbridge.core.model.TableId;
import io.debezium.config.Configuration;
import io.debezium.connector.binlog.metrics.BinlogStreamingChangeEventSourceMetrics;
import io.debezium.connector.mariadb.MariaDbConnector;
import io.debezium.connector.mariadb.MariaDbConnectorTask;
import io.debezium.connector.mariadb.MariaDbOffsetContext;
import io.debezium.connector.mariadb.MariaDbPartition;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.metrics.PipelineMetrics;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.pipeline.txmetadata.TransactionInfo;
import io.debezium.spi.schema.DataCollectionId;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Debezium's MariaDB connector, capturing exactly the same, without two costs that a JFR profile
 * of the bridge put first among its binlog readers:
 * <ul>
 *   <li>The per-event summary of its streaming metrics. For every row event Debezium 3.5 stores a
 *   formatted dump of the event's position and key that builds a new Jackson ObjectMapper each time
 *   ({@code CommonEventMeter.onEvent -> EventMetadataProvider.toSummaryString}); it was 13% of the
 *   bridge's CPU, and no setting turns it off. Nobody even sees it: the binlog connectors' streaming
 *   MBean answers {@code LastEvent} (and {@code TotalNumberOfEventsSeen}) from the binlog client
 *   instead. The task makes the summary the event's table by swapping the metadata provider of the
 *   streaming metrics' event meter after Debezium built it; the meter's counters
 *   ({@code TotalNumberOfCreateEventsSeen}, ...) count on.</li>
 *   <li>Converting the rows of the bridge's own apply transactions, which the capture drops whole:
 *   {@link EchoSkip}, given the checkpoint table in {@link #MARKER_TABLE}.</li>
 * </ul>
 * Should a Debezium upgrade move what either relies on, it is skipped with one INFO line and the
 * capture runs as with the stock connector.
 *
 * <p>Instantiated by the Debezium engine by class name (set in {@link EngineProperties}), like its
 * task. The task's configuration names the stock connector class: Debezium looks the
 * connector-specific implementations of {@code snapshot.locking.mode} and the snapshot query up by
 * that exact class (and otherwise warns at every start). Used by the engine's threads as the stock
 * connector is.
 */
public final class LeanMariaDbConnector extends MariaDbConnector {

    private static final Logger LOG = LoggerFactory.getLogger(LeanMariaDbConnector.class);
    /** The engine property naming the checkpoint table, {@code schema.checkpoint}; without it echoes are converted. */
    static final String MARKER_TABLE = "concord.echo.marker.table";

    @Override
    public void start(Map<String, String> props) {
        Map<String, String> stock = new HashMap<>(props);
        stock.put("connector.class", MariaDbConnector.class.getName());
        super.start(stock);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LeanTask.class;
    }

    /** The stock task, whose streaming metrics summarize an event by its table and which skips echoes' rows. */
    public static final class LeanTask extends MariaDbConnectorTask {

        private volatile EchoSkip echoSkip;

        @Override
        protected ChangeEventSourceCoordinator<MariaDbPartition, MariaDbOffsetContext> start(Configuration config) {
            ChangeEventSourceCoordinator<MariaDbPartition, MariaDbOffsetContext> started = super.start(config);
            skipSummaries(started);
            String marker = config.getString(MARKER_TABLE);
            if (marker != null && marker.lastIndexOf('.') > 0) {
                // the table is "checkpoint"; the meta schema's name may hold a dot
                int dot = marker.lastIndexOf('.');
                echoSkip = skipEchoes(started, new TableId(marker.substring(0, dot), marker.substring(dot + 1)));
            }
            return started;
        }

        /** The running coordinator, or null before the task started. */
        ChangeEventSourceCoordinator<MariaDbPartition, MariaDbOffsetContext> coordinator() {
            return coordinator;
        }

        /** The echo listener, or null when the task has none. */
        EchoSkip echoSkip() {
            return echoSkip;
        }
    }

    /**
     * Registers an {@link EchoSkip} on the coordinator's binlog client. Called when the task starts,
     * before streaming registers Debezium's own listener, so the echo listener sees each event first.
     * Never throws.
     *
     * @return the listener, or null when this Debezium version does not let it in
     */
    static EchoSkip skipEchoes(ChangeEventSourceCoordinator<?, ?> coordinator, TableId marker) {
        try {
            Object metrics = field(ChangeEventSourceCoordinator.class, "streamingMetrics").get(coordinator);
            BinaryLogClient client = (BinaryLogClient) field(BinlogStreamingChangeEventSourceMetrics.class, "client")
                    .get(metrics);
            EchoSkip skip = new EchoSkip(marker, coordinator::getStreamingSource);
            client.registerEventListener(skip);
            return skip;
        } catch (ReflectiveOperationException | RuntimeException e) {
            EchoSkip.unavailable(e);
            return null;
        }
    }

    /**
     * Makes the coordinator's streaming metrics summarize each event by its table. Streaming may
     * already run: events before the swap keep the full summary, and the event meter reads either
     * provider whole (one reference write; the replacement is immutable). Never throws.
     *
     * @return whether the summary is replaced
     */
    static boolean skipSummaries(ChangeEventSourceCoordinator<?, ?> coordinator) {
        try {
            return skipSummaries(streamingEventMeter(coordinator));
        } catch (ReflectiveOperationException | RuntimeException e) {
            keepSummaries(e);
            return false;
        }
    }

    /** As {@link #skipSummaries(ChangeEventSourceCoordinator)}, for one event meter. Never throws. */
    static boolean skipSummaries(CommonEventMeter meter) {
        try {
            // a private final field, written once more: HotSpot does not fold instance finals of such classes into
            // constants, so the reader thread sees the new provider at its next event or soon after
            Field provider = field(CommonEventMeter.class, "metadataProvider");
            EventMetadataProvider original = (EventMetadataProvider) provider.get(meter);
            if (original == null) {
                throw new IllegalStateException("the event meter has no metadata provider");
            }
            if (!(original instanceof TableSummaries)) {
                provider.set(meter, new TableSummaries(original));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            keepSummaries(e);
            return false;
        }
    }

    /**
     * The meter that summarizes each streamed event, in Debezium 3.5.0 {@code
     * coordinator.streamingMetrics.commonEventMeter} ({@code PipelineMetrics.metadataProvider} is only
     * stored, never read; the {@code EventDispatcher}'s provider is left alone).
     */
    static CommonEventMeter streamingEventMeter(ChangeEventSourceCoordinator<?, ?> coordinator)
            throws ReflectiveOperationException {
        Object metrics = field(ChangeEventSourceCoordinator.class, "streamingMetrics").get(coordinator);
        return (CommonEventMeter) field(PipelineMetrics.class, "commonEventMeter").get(metrics);
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static void keepSummaries(Exception e) {
        LOG.info("Debezium's streaming metrics keep formatting a summary of every event, which costs CPU: "
                + "this Debezium version does not let the bridge replace it ({})", e.toString());
    }

    /** The original provider, except that an event's summary is its table. Immutable. */
    static final class TableSummaries implements EventMetadataProvider {

        private final EventMetadataProvider original;

        TableSummaries(EventMetadataProvider original) {
            this.original = original;
        }

        @Override
        public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return String.valueOf(source); // a TableId's identifier, built once per table
        }

        @Override
        public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return original.getEventTimestamp(source, offset, key, value);
        }

        @Override
        public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key,
                                                          Struct value) {
            return original.getEventSourcePosition(source, offset, key, value);
        }

        @Override
        public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
            return original.getTransactionId(source, offset, key, value);
        }

        @Override
        public TransactionInfo getTransactionInfo(DataCollectionId source, OffsetContext offset, Object key,
                                                  Struct value) {
            return original.getTransactionInfo(source, offset, key, value);
        }
    }
}
