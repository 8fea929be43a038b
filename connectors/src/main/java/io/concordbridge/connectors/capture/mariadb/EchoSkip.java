package io.concordbridge.connectors.capture.mariadb;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.concordbridge.core.model.TableId;
import io.debezium.connector.binlog.BinlogStreamingChangeEventSource;
import io.debezium.pipeline.source.spi.StreamingChangeEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps Debezium from converting the rows of the bridge's own apply transactions (echoes). An
 * apply transaction writes the meta schema's checkpoint row first (the marker); the capture drops
 * the whole transaction anyway ({@link TransactionAssembler}), so its other rows need not become
 * records. In a mesh of N leaders every change is read N times, once at its origin and N-1 times
 * as an echo, and turning an echo's rows into records took two thirds of the binlog readers' CPU.
 *
 * <p>A binlog event listener on Debezium's binlog client: once a transaction has written the
 * marker, the next row event of any other table sets Debezium's own "skip this transaction's row
 * events" switch, which its GTID source filter uses ({@code BinlogStreamingChangeEventSource
 * .setIgnoreDmlEventByGtidSource}), and which Debezium clears at the transaction's end and at the
 * next transaction's GTID. The marker itself and the transaction's begin and end still become
 * records: the capture sees the transaction, recognizes it by its marker, and its position moves
 * past it as before. Debezium counts only the records it emitted in the transaction's
 * {@code event_count}, so an echo ends with the count of its marker rows.
 *
 * <p>Registered before Debezium's own listener, so it sees each event first; registered after it,
 * it would let one row event per echo be converted, which is only slower. Should a Debezium
 * upgrade remove the switch, the listener logs that once at INFO and leaves every event to
 * Debezium as before. Called by the binlog client's one reader thread, like Debezium's listener.
 */
final class EchoSkip implements BinaryLogClient.EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EchoSkip.class);

    private final TableId marker;
    private final Supplier<Optional<? extends StreamingChangeEventSource<?, ?>>> streaming;
    private final Map<Long, Boolean> markerTableIds = new HashMap<>();
    private boolean marked;
    private boolean skipping;
    private Object source;
    private Method skipSwitch;
    private boolean disabled;
    private volatile long skippedEvents;

    /**
     * @param marker    the checkpoint table whose row marks an apply transaction
     * @param streaming Debezium's streaming source once it exists (the coordinator's)
     */
    EchoSkip(TableId marker, Supplier<Optional<? extends StreamingChangeEventSource<?, ?>>> streaming) {
        this.marker = marker;
        this.streaming = streaming;
    }

    @Override
    public void onEvent(Event event) {
        if (disabled) {
            return;
        }
        EventType type = event.getHeader().getEventType();
        if (type == EventType.MARIADB_GTID || type == EventType.GTID || type == EventType.XID
                || type == EventType.QUERY) {
            // a transaction begins or ends (Debezium clears its switch then, too)
            marked = false;
            skipping = false;
        } else if (type == EventType.TABLE_MAP) {
            TableMapEventData map = (TableMapEventData) EventDeserializer.EventDataWrapper.internal(event.getData());
            markerTableIds.put(map.getTableId(),
                    marker.schema().equals(map.getDatabase()) && marker.table().equals(map.getTable()));
        } else if (EventType.isRowMutation(type)) {
            onRows(tableId(EventDeserializer.EventDataWrapper.internal(event.getData())));
        }
    }

    private void onRows(long tableId) {
        if (skipping) {
            skippedEvents++;
        } else if (Boolean.TRUE.equals(markerTableIds.get(tableId))) {
            marked = true;
        } else if (marked) {
            skipping = skip();
            if (skipping) {
                skippedEvents++;
            }
        }
    }

    /** Row events left unconverted so far; written by the binlog reader thread only. */
    long skippedEvents() {
        return skippedEvents;
    }

    private static long tableId(EventData data) {
        if (data instanceof WriteRowsEventData w) {
            return w.getTableId();
        }
        if (data instanceof UpdateRowsEventData u) {
            return u.getTableId();
        }
        if (data instanceof DeleteRowsEventData d) {
            return d.getTableId();
        }
        return -1;
    }

    /** Sets Debezium's switch for the rest of this transaction; false when it cannot. */
    private boolean skip() {
        try {
            Optional<? extends StreamingChangeEventSource<?, ?>> current = streaming.get();
            if (current.isEmpty()) {
                return false; // streaming has not started: Debezium has not seen this transaction's events either
            }
            if (current.get() != source) {
                source = current.get();
                skipSwitch = BinlogStreamingChangeEventSource.class
                        .getDeclaredMethod("setIgnoreDmlEventByGtidSource", boolean.class);
                skipSwitch.setAccessible(true);
            }
            skipSwitch.invoke(source, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            disabled = true;
            unavailable(e);
            return false;
        }
    }

    /** Says once, at INFO, that echoes are converted as before, and why. */
    static void unavailable(Exception cause) {
        LOG.info("the capture converts the rows of the bridge's own transactions before dropping them, which costs "
                + "CPU: this Debezium version does not let the bridge skip them ({})", cause.toString());
    }
}
