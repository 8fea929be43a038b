package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.TableId;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Debezium embedded engine and MariaDB connector configuration of one capture, in one place.
 * Every value the bridge depends on is set explicitly rather than left to a Debezium default.
 */
final class EngineProperties {

    static final String SNAPSHOT_NO_DATA = "no_data";
    static final String SNAPSHOT_RECOVERY = "recovery";
    static final String OFFSETS_FILE = "offsets.json";
    static final String HISTORY_FILE = "schema-history.dat";
    static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";
    static final String TRANSACTION_TOPIC = "transaction";

    private EngineProperties() {
    }

    /**
     * @param captured the replicated tables and the meta tables the capture reads, {@code marker} among them
     * @param marker   the checkpoint table, whose row marks the bridge's own transactions
     */
    static Properties of(LeaderConfig leader, List<TableId> captured, TableId marker, Path stateDir,
                         CaptureConfig config, long serverId, String snapshotMode) {
        Properties p = new Properties();
        // engine
        p.setProperty("name", "concord-capture-" + leader.name());
        // Debezium's MariaDB connector without its costly per-event metrics summary, and skipping echoes' rows
        p.setProperty("connector.class", LeanMariaDbConnector.class.getName());
        p.setProperty(LeanMariaDbConnector.MARKER_TABLE, marker.toString());
        p.setProperty("offset.storage", ResumeOffsetStore.class.getName());
        p.setProperty(ResumeOffsetStore.FILE_PROPERTY, stateDir.resolve(OFFSETS_FILE).toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("record.processing.threads", "1");
        p.setProperty("record.processing.shutdown.timeout.ms", "30000");
        // a few quick retries inside Debezium; anything longer is the pipeline's restart of a failed capture
        p.setProperty("errors.max.retries", "3");
        p.setProperty("errors.retry.delay.initial.ms", "300");
        p.setProperty("errors.retry.delay.max.ms", "3000");
        // connection
        p.setProperty("database.hostname", leader.host());
        p.setProperty("database.port", Integer.toString(leader.port()));
        p.setProperty("database.user", leader.user());
        p.setProperty("database.password", leader.password().reveal());
        p.setProperty("database.server.id", Long.toString(serverId));
        p.setProperty("topic.prefix", leader.name());
        // the server sends a binlog heartbeat every 0.8 x this when idle, which drives Debezium's heartbeats
        p.setProperty("connect.keep.alive.interval.ms", Integer.toString(config.heartbeatIntervalMs()));
        // what and how to read
        p.setProperty("table.include.list", captured.stream().map(EngineProperties::regex).collect(Collectors.joining(",")));
        p.setProperty("snapshot.mode", snapshotMode);
        p.setProperty("snapshot.locking.mode", "none");
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", stateDir.resolve(HISTORY_FILE).toString());
        p.setProperty("include.schema.changes", "false");
        p.setProperty("provide.transaction.metadata", "true");
        p.setProperty("tombstones.on.delete", "false");
        // the context headers (connector name, task, ...) on every record: nobody reads them, each record allocated them
        p.setProperty("extended.headers.enabled", "false");
        p.setProperty("heartbeat.interval.ms", Integer.toString(config.heartbeatIntervalMs()));
        p.setProperty("heartbeat.topics.prefix", HEARTBEAT_TOPIC_PREFIX);
        p.setProperty("topic.transaction", TRANSACTION_TOPIC);
        // TRUNCATE has no row images in the binlog and is not replicated (Debezium's default, stated here)
        p.setProperty("skipped.operations", "t");
        // values exactly as stored (see Values); source types tell BIGINT UNSIGNED from DECIMAL(20,0)
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("enable.time.adjuster", "false");
        p.setProperty("column.propagate.source.type", ".*");
        p.setProperty("event.processing.failure.handling.mode", "fail");
        // throughput
        p.setProperty("poll.interval.ms", Integer.toString(config.pollIntervalMs()));
        p.setProperty("max.batch.size", Integer.toString(config.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(config.maxQueueSize()));
        return p;
    }

    /** Debezium matches {@code table.include.list} entries as anchored regular expressions. */
    static String regex(TableId table) {
        return escape(table.schema()) + "\\." + escape(table.table());
    }

    private static String escape(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
