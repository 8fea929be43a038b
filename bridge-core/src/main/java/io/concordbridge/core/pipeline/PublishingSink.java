package io.concordbridge.core.pipeline;

import io.concordbridge.core.clock.HybridClock;
import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.RowKeyBytes;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.VersionRecord;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The capture side of one leader: stamps each captured change with the leader's hybrid logical
 * clock, publishes the transactions durably to the transport, then records the stamps of these
 * local writes in the leader's meta schema (only durable stamps are ever recorded, so every
 * leader decides with the same ones). A transaction that resolves a stored conflict is stamped above
 * every version it supersedes. A write to a table resolved by leader priority gets its precedence
 * from the version it overwrote ({@link TablePolicy#precedence}), and a write to a table that
 * merges per column its column stamps ({@link Cells#written}): the version recorded for the row,
 * or the batch's own earlier write of it. Used by one capture thread.
 */
public final class PublishingSink implements CaptureSink {

    private final String leader;
    private final Transport transport;
    private final HybridClock clock;
    private final PipelineStats stats;
    private final LocalVersions versions;
    private final TableId markers;
    private final Function<TableId, TablePolicy> policies;

    /**
     * @param markers the meta schema's resolution table: a transaction carrying a
     *                {@link ResolutionMarker} is stamped above every version the resolution supersedes
     * @param policies the replicated tables' policies (null for any other table)
     */
    public PublishingSink(String leader, Transport transport, HybridClock clock, PipelineStats stats,
                          LocalVersions versions, TableId markers, Function<TableId, TablePolicy> policies) {
        this.leader = leader;
        this.policies = policies;
        this.markers = markers;
        this.transport = transport;
        this.clock = clock;
        this.stats = stats;
        this.versions = versions;
        transport.head(leader).ifPresent(h -> clock.observe(h.stampMicros()));
    }

    @Override
    public Optional<LogHead> head() {
        return transport.head(leader);
    }

    @Override
    public void accept(List<OriginTransaction> txs) throws InterruptedException {
        Map<Ref, VersionRecord> latest = priors(txs);
        List<OriginTransaction> stamped = new ArrayList<>(txs.size());
        long changes = 0;
        long realTxs = 0;
        for (OriginTransaction tx : txs) {
            if (!tx.origin().equals(leader)) {
                throw new IllegalArgumentException("capture of " + leader + " handed over a transaction of " + tx.origin());
            }
            boolean resolution = false;
            for (Change c : tx.changes()) {
                Optional<ResolutionMarker> marker = ResolutionMarker.of(c, markers);
                marker.ifPresent(m -> clock.observe(m.aboveMicros()));
                resolution |= marker.isPresent();
            }
            List<Change> cs = new ArrayList<>(tx.size());
            for (Change c : tx.changes()) {
                cs.add(stamped(c, latest, resolution));
            }
            stamped.add(new OriginTransaction(tx.origin(), 0, tx.txId(), tx.position(), tx.commitMillis(),
                    tx.capturedMillis(), cs, tx.resumeToken()));
            changes += cs.size();
            realTxs += cs.isEmpty() ? 0 : 1;
        }
        List<OriginTransaction> published = transport.publish(leader, stamped);
        if (changes > 0) {
            versions.record(published);
        }
        stats.captured(leader, realTxs, changes);
    }

    /**
     * The change stamped: with its precedence where the table's policy takes it from the overwritten
     * version, with its column stamps where the table merges per column (a resolution sets every
     * column, so it supersedes each sibling's), and, for an insert over a tombstone of a table with
     * counters, with the row that tombstone kept as its before image (its counters' deltas are then
     * {@code after - before}, as an update's).
     */
    private Change stamped(Change c, Map<Ref, VersionRecord> latest, boolean resolution) {
        TablePolicy policy = policies.apply(c.table());
        if (policy == null || !policy.readsPriorVersion()) {
            return c.withStamp(clock.next());
        }
        Ref before = Ref.of(c.beforeKey());
        Ref after = Ref.of(c.key());
        VersionRecord prior = later(latest.get(before), latest.get(after));
        if (prior != null) {
            clock.observe(prior.stamp().micros());
        }
        Stamp next = clock.next();
        Stamp stamp = next.withPrecedence(policy.precedence(leader, next.micros(), prior == null ? null : prior.stamp()));
        Change out = c.withStamp(stamp);
        if (c.op() == Op.INSERT && c.before() == null && prior != null && prior.last() != null
                && !policy.counters().isEmpty()) {
            out = new Change(c.table(), Op.INSERT, c.keyColumns(), prior.last(), c.after(), stamp, null);
        }
        if (policy.mergesColumns()) {
            Map<String, Object> image = c.op() == Op.DELETE ? c.before() : c.after();
            out = out.withCells(resolution ? Cells.all(image.keySet(), stamp)
                    : Cells.written(out, prior == null ? null : prior.cells()));
        }
        if (c.op() == Op.DELETE || !before.equals(after)) {
            latest.put(before, new VersionRecord(stamp, out.cells(), c.before()));
        }
        if (c.op() != Op.DELETE) {
            latest.put(after, new VersionRecord(stamp, out.cells()));
        }
        return out;
    }

    private static VersionRecord later(VersionRecord a, VersionRecord b) {
        return a == null ? b : b == null || a.stamp().comparePrecedence(b.stamp()) >= 0 ? a : b;
    }

    /** The recorded versions of the rows these transactions write in tables whose stamps depend on them. */
    private Map<Ref, VersionRecord> priors(List<OriginTransaction> txs) throws InterruptedException {
        Map<Ref, RowKey> wanted = new LinkedHashMap<>();
        for (OriginTransaction tx : txs) {
            for (Change c : tx.changes()) {
                TablePolicy policy = policies.apply(c.table());
                if (policy != null && policy.readsPriorVersion()) {
                    wanted.putIfAbsent(Ref.of(c.beforeKey()), c.beforeKey());
                    wanted.putIfAbsent(Ref.of(c.key()), c.key());
                }
            }
        }
        Map<Ref, VersionRecord> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<Ref> refs = new ArrayList<>(wanted.keySet());
        List<VersionRecord> records = versions.current(new ArrayList<>(wanted.values()));
        for (int i = 0; i < refs.size(); i++) {
            if (records.get(i) != null) {
                found.put(refs.get(i), records.get(i));
            }
        }
        return found;
    }

    /** A row, by table and canonical key bytes. */
    private record Ref(TableId table, ByteBuffer key) {

        static Ref of(RowKey key) {
            return new Ref(key.table(), ByteBuffer.wrap(RowKeyBytes.of(key)));
        }
    }
}
