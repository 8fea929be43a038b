package io.concordbridge.core.transport;

import io.concordbridge.core.model.OriginTransaction;

import java.util.List;
import java.util.Optional;

/**
 * Carries each origin's committed transactions to the leaders that apply them: one ordered,
 * durable log per origin. Implementations are thread-safe; one publisher per origin.
 */
public interface Transport extends AutoCloseable {

    /**
     * Appends transactions of one origin in order and returns once they are durable, with their
     * assigned consecutive sequence numbers.
     */
    List<OriginTransaction> publish(String origin, List<OriginTransaction> txs) throws InterruptedException;

    /** Refuses a transaction of another origin than the log {@code origin} it is published to ({@code log} names it). */
    static void requireOrigin(String origin, List<OriginTransaction> txs, String log) {
        for (OriginTransaction tx : txs) {
            if (!tx.origin().equals(origin)) {
                throw new IllegalArgumentException("A transaction of origin '" + tx.origin() + "' (txId " + tx.txId()
                        + ") cannot be published to the " + log + " of origin '" + origin + "'");
            }
        }
    }

    /** The newest transaction published by an origin, if any. */
    Optional<LogHead> head(String origin);

    /** Opens a reader of an origin's log from the first transaction with sequence number above {@code afterSeq}. */
    TransportReader open(String origin, long afterSeq);

    /** Records that {@code target} has applied {@code origin}'s log up to {@code seq}; older entries may then be dropped once every target has. */
    void acknowledge(String origin, String target, long seq);

    @Override
    void close();
}
