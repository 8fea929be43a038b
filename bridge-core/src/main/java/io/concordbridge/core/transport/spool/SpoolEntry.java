package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;

/**
 * One decoded spool entry.
 *
 * @param seq            its sequence number in the origin's log (equal to {@code tx.seq()})
 * @param stampHighWater the highest change stamp micros its origin had published up to and including it (0 if none yet)
 * @param tx             the transaction
 */
public record SpoolEntry(long seq, long stampHighWater, OriginTransaction tx) {
}
