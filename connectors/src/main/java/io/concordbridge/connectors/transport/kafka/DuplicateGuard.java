package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.OriginTransaction;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Recognises an origin transaction written to the topic a second time. That happens when a
 * publish failed without knowing whether Kafka kept the records (a broker lost, a timeout), the
 * capture resumed from the topic's last record, and records of the failed publish became visible
 * only after that: the same transactions follow again, as a run no longer than one publish. A
 * transaction is identified by its txId and origin position; empty anchors are never duplicates
 * (applying one twice changes nothing). Remembers the last {@code window} transactions. Not
 * thread-safe.
 */
final class DuplicateGuard {

    private final int window;
    private final Deque<String> order = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();

    DuplicateGuard(int window) {
        this.window = window;
    }

    /** True when {@code tx} was seen within the window (skip it); otherwise remembers it and returns false. */
    boolean duplicate(OriginTransaction tx) {
        String id = identity(tx);
        if (id == null) {
            return false;
        }
        if (seen.contains(id)) {
            return true;
        }
        order.addLast(id);
        seen.add(id);
        if (order.size() > window) {
            seen.remove(order.removeFirst());
        }
        return false;
    }

    private static String identity(OriginTransaction tx) {
        if (tx.txId() == null || tx.changes().isEmpty()) {
            return null;
        }
        return tx.txId() + "@" + tx.position();
    }
}
