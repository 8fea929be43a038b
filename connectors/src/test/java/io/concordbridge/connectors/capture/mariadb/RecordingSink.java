package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.pipeline.CaptureSink;
import io.concordbridge.core.transport.LogHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A sink that keeps what it accepts in memory and moves its head like a durable sink would. Thread-safe. */
final class RecordingSink implements CaptureSink {

    private final List<OriginTransaction> accepted = new ArrayList<>();
    private final List<Integer> callSizes = new ArrayList<>();
    private LogHead head;
    private long seq;

    @Override
    public synchronized Optional<LogHead> head() {
        return Optional.ofNullable(head);
    }

    synchronized void head(LogHead newHead) {
        head = newHead;
    }

    @Override
    public synchronized void accept(List<OriginTransaction> txs) {
        callSizes.add(txs.size());
        for (OriginTransaction tx : txs) {
            accepted.add(tx.withSeq(++seq));
        }
        OriginTransaction last = txs.get(txs.size() - 1);
        head = new LogHead(seq, last.txId(), last.position(), last.resumeToken(), 0);
    }

    /** Every accepted transaction, anchors included. */
    synchronized List<OriginTransaction> all() {
        return List.copyOf(accepted);
    }

    /** The accepted transactions that carry changes. */
    synchronized List<OriginTransaction> transactions() {
        return accepted.stream().filter(t -> !t.changes().isEmpty()).toList();
    }

    synchronized int transactionCount() {
        int n = 0;
        for (OriginTransaction t : accepted) {
            if (!t.changes().isEmpty()) {
                n++;
            }
        }
        return n;
    }

    synchronized List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }
}
