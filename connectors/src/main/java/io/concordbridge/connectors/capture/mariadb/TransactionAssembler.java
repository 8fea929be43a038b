package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.pipeline.CaptureEvents;
import io.concordbridge.core.pipeline.CaptureSink;
import io.concordbridge.core.transport.LogHead;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Debezium batch handler of one capture. It assembles the data records between a transaction's
 * BEGIN and END records into one {@link OriginTransaction}, drops bridge apply transactions (those
 * that write the meta schema's checkpoint table, counted by the changes their checkpoint rows say
 * they applied) and transactions the sink already has, and hands
 * every transaction completed in a batch to the sink in one call. Only when the sink returns are
 * the batch's records up to the last completed transaction marked processed, so Debezium's
 * offsets never run ahead of the sink; a transaction still open stays buffered for the next batch.
 *
 * <p>Anchors (transactions without changes) record a position where nothing needs capturing: the
 * first heartbeat of a capture without a sink head, and later heartbeats when nothing was handed
 * over for a while. Not thread-safe: the engine calls it from one thread.
 */
final class TransactionAssembler implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAssembler.class);

    private final String leader;
    private final TableId checkpointTable;
    private final CaptureSink sink;
    private final CaptureEvents events;
    private final Clock clock;
    private final ChangeReader reader;
    private final ResumeGuard guard;
    private final boolean resumed;
    private final long anchorRefreshMillis;
    private final String transactionTopic;
    private final String heartbeatTopic;

    private final List<ChangeEvent<SourceRecord, SourceRecord>> unmarked = new ArrayList<>();
    private int closed;
    private OpenTransaction open;
    private boolean streaming;
    private BinlogPosition handedOver;
    private long handedOverMillis;
    private long echoes;
    private long skipped;
    private BinlogPosition readPosition;
    private long readCommitMillis;
    private BinlogPosition reportedPosition;
    /** When Debezium last handed over a batch (events or heartbeats); read by the capture's watchdog. */
    volatile long lastActivityMillis;
    /** True while the sink takes a batch: a slow transport (Kafka waiting for acks) is not a silent leader. */
    volatile boolean handingOver;

    TransactionAssembler(String leader, TableId checkpointTable, CaptureSink sink, CaptureEvents events,
                         LogHead head, long anchorRefreshMillis, Clock clock) {
        this.leader = leader;
        this.checkpointTable = checkpointTable;
        this.sink = sink;
        this.events = events;
        this.clock = clock;
        this.reader = new ChangeReader(leader);
        this.guard = new ResumeGuard(head);
        this.resumed = head != null;
        this.handedOver = guard.headPosition();
        this.handedOverMillis = clock.millis();
        this.anchorRefreshMillis = anchorRefreshMillis;
        this.transactionTopic = leader + "." + EngineProperties.TRANSACTION_TOPIC;
        this.heartbeatTopic = EngineProperties.HEARTBEAT_TOPIC_PREFIX + "." + leader;
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        lastActivityMillis = clock.millis();
        List<OriginTransaction> ready = new ArrayList<>();
        for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
            SourceRecord r = event.value();
            unmarked.add(event);
            if (transactionTopic.equals(r.topic())) {
                onTransactionBoundary(r, ready);
            } else if (heartbeatTopic.equals(r.topic())) {
                onHeartbeat(r, ready);
            } else {
                onChange(r);
            }
            if (open == null) {
                closed = unmarked.size();
            }
        }
        if (!ready.isEmpty()) {
            handingOver = true;
            try {
                sink.accept(ready);
            } finally {
                handingOver = false;
                lastActivityMillis = clock.millis();
            }
            accepted(ready);
        }
        commit(committer);
        report();
        lastActivityMillis = clock.millis();
    }

    private void onTransactionBoundary(SourceRecord r, List<OriginTransaction> ready) {
        Struct value = (Struct) r.value();
        String id = value.getString("id");
        if ("BEGIN".equals(value.getString("status"))) {
            if (open != null && !open.id.equals(id) && open.records == 0) {
                // A DDL statement (CREATE TABLE, the meta schema's set-up) has a GTID but no end in
                // Debezium's transaction metadata; it carries no row change, so nothing is lost.
                LOG.debug("leader {}: transaction {} had no row change and no end (DDL), ignored", leader, open.id);
                open = null;
            }
            if (open != null && !open.id.equals(id)) {
                throw new CaptureException("leader " + leader + ": transaction " + id + " began at "
                        + BinlogPosition.fromOffset(r.sourceOffset()) + " while " + open.id + " had not ended");
            }
            if (open == null) {
                open = new OpenTransaction(id);
            }
            return;
        }
        if (open == null || !open.id.equals(id)) {
            LOG.debug("leader {}: end of transaction {} without its beginning (resumed after it), ignored", leader, id);
            return;
        }
        OpenTransaction tx = open;
        open = null;
        long expected = value.getInt64("event_count");
        if (tx.records != expected) {
            throw new CaptureException("leader " + leader + ": transaction " + id + " ended with " + tx.records
                    + " changes read but " + expected + " announced; the capture would hand over a partial transaction");
        }
        complete(tx, r, value, ready);
    }

    private void complete(OpenTransaction tx, SourceRecord end, Struct endValue, List<OriginTransaction> ready) {
        BinlogPosition position = BinlogPosition.fromOffset(end.sourceOffset());
        long commitMillis = tx.commitMillis != 0 ? tx.commitMillis : endValue.getInt64("ts_ms");
        read(position, commitMillis);
        if (tx.echo) {
            echoes += tx.echoChanges;
            LOG.debug("leader {}: dropped bridge transaction {} at {} ({} changes)", leader, tx.id, position, tx.echoChanges);
        } else if (guard.alreadyAccepted(tx.id, position)) {
            skipped++;
            LOG.debug("leader {}: transaction {} at {} was already accepted, not handed over again", leader, tx.id, position);
        } else if (!tx.changes.isEmpty()) {
            ready.add(new OriginTransaction(leader, 0, tx.id, position.toString(), commitMillis, clock.millis(),
                    tx.changes, ResumeToken.afterTransaction(end.sourceOffset(), tx.id)));
        }
    }

    private void onChange(SourceRecord r) {
        if (open == null) {
            throw new CaptureException("leader " + leader + ": change of " + reader.table(r) + " at "
                    + BinlogPosition.fromOffset(r.sourceOffset()) + " outside a transaction");
        }
        open.records++;
        open.commitMillis = ((Struct) r.value()).getStruct("source").getInt64("ts_ms");
        if (reader.table(r).equals(checkpointTable)) {
            open.echo = true;
            open.echoChanges += appliedChanges((Struct) r.value());
            open.changes.clear();
        } else if (!open.echo) {
            open.changes.add(reader.read(r));
        }
    }

    /**
     * How many changes the apply transaction that wrote this checkpoint row applied: the growth of its
     * {@code applied_changes}. Counted from the marker because the transaction's other rows are not
     * read ({@link EchoSkip}).
     */
    private static long appliedChanges(Struct checkpointChange) {
        long after = appliedChangesOf(checkpointChange.getStruct("after"));
        long before = appliedChangesOf(checkpointChange.getStruct("before"));
        return Math.max(0, after - before);
    }

    private static long appliedChangesOf(Struct row) {
        if (row == null || row.schema().field("applied_changes") == null) {
            return 0;
        }
        Object n = row.get("applied_changes");
        return n instanceof Number number ? number.longValue() : 0;
    }

    private void onHeartbeat(SourceRecord r, List<OriginTransaction> ready) {
        if (open != null) {
            return;
        }
        Map<String, ?> offset = r.sourceOffset();
        BinlogPosition position = BinlogPosition.fromOffset(offset);
        readPosition = position;
        if (resumed && !streaming) {
            streaming(position);
        }
        boolean first = !resumed && !streaming;
        boolean refresh = streaming && clock.millis() - handedOverMillis >= anchorRefreshMillis
                && (handedOver == null || position.isAfter(handedOver));
        if (ready.isEmpty() && (first || refresh)) {
            Object seconds = offset.get("ts_sec");
            long commitMillis = seconds instanceof Number n ? n.longValue() * 1000 : ((Struct) r.value()).getInt64("ts_ms");
            ready.add(new OriginTransaction(leader, 0, null, position.toString(), commitMillis, clock.millis(),
                    List.of(), ResumeToken.at(offset)));
        }
    }

    private void accepted(List<OriginTransaction> txs) {
        OriginTransaction last = txs.get(txs.size() - 1);
        handedOver = BinlogPosition.parse(last.position());
        handedOverMillis = clock.millis();
        if (!streaming) {
            streaming(handedOver);
        }
    }

    private void streaming(BinlogPosition position) {
        streaming = true;
        LOG.info("capture of leader {} is streaming at {}", leader, position);
        events.streaming(leader);
    }

    private void commit(DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        for (int i = 0; i < closed; i++) {
            committer.markProcessed(unmarked.get(i));
        }
        unmarked.subList(0, closed).clear();
        closed = 0;
        committer.markBatchFinished();
    }

    private void read(BinlogPosition position, long commitMillis) {
        readPosition = position;
        readCommitMillis = commitMillis;
    }

    private void report() {
        if (echoes > 0) {
            events.echoesDropped(leader, echoes);
            echoes = 0;
        }
        if (skipped > 0) {
            LOG.info("capture of leader {} skipped {} transactions the sink already had", leader, skipped);
            skipped = 0;
        }
        if (readPosition != null && !readPosition.equals(reportedPosition)) {
            events.position(leader, readPosition.toString(), readCommitMillis);
            reportedPosition = readPosition;
        }
    }

    private static final class OpenTransaction {
        private final String id;
        private final List<Change> changes = new ArrayList<>();
        /** Every data record read in the transaction, as Debezium counts them in its end's event count. */
        private long records;
        private boolean echo;
        /** For a bridge transaction: the changes it applied, by its checkpoint rows. */
        private long echoChanges;
        private long commitMillis;

        private OpenTransaction(String id) {
            this.id = id;
        }
    }
}
