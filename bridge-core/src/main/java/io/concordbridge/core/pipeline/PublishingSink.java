package io.concordbridge.core.pipeline;

import io.concordbridge.core.clock.HybridClock;
import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The capture side of one leader: stamps each captured change with the leader's hybrid logical
 * clock, publishes the transactions durably to the transport, then records the stamps of these
 * local writes in the leader's meta schema (only durable stamps are ever recorded, so every
 * leader decides with the same ones). A transaction that resolves a stored conflict is stamped above
 * every version it supersedes. Used by one capture thread.
 */
public final class PublishingSink implements CaptureSink {

    private final String leader;
    private final Transport transport;
    private final HybridClock clock;
    private final PipelineStats stats;
    private final LocalVersions versions;
    private final TableId markers;

    /**
     * @param markers the meta schema's resolution table: a transaction carrying a
     *                {@link ResolutionMarker} is stamped above every version the resolution supersedes
     */
    public PublishingSink(String leader, Transport transport, HybridClock clock, PipelineStats stats,
                          LocalVersions versions, TableId markers) {
        this.leader = leader;
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
        List<OriginTransaction> stamped = new ArrayList<>(txs.size());
        long changes = 0;
        long realTxs = 0;
        for (OriginTransaction tx : txs) {
            if (!tx.origin().equals(leader)) {
                throw new IllegalArgumentException("capture of " + leader + " handed over a transaction of " + tx.origin());
            }
            for (Change c : tx.changes()) {
                ResolutionMarker.of(c, markers).ifPresent(m -> clock.observe(m.aboveMicros()));
            }
            List<Change> cs = new ArrayList<>(tx.size());
            for (Change c : tx.changes()) {
                cs.add(c.withStamp(clock.next()));
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
}
