package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.transport.LogHead;

/**
 * Keeps a restarted capture from handing over again what the sink already accepted: a transaction
 * is new only if its id differs from the head's and it starts after the head's position. A head
 * that is a transaction sits at that transaction's start, so a new one must start strictly after
 * it; an anchor sits at the next event to read, so a transaction starting right there is new.
 * Immutable.
 */
final class ResumeGuard {

    private final LogHead head;
    private final BinlogPosition headPosition;

    ResumeGuard(LogHead head) {
        this.head = head;
        this.headPosition = head == null ? null : positionOf(head);
    }

    boolean alreadyAccepted(String txId, BinlogPosition position) {
        if (head == null) {
            return false;
        }
        if (txId != null && txId.equals(head.txId())) {
            return true;
        }
        int c = position.compareTo(headPosition);
        return head.txId() == null ? c < 0 : c <= 0;
    }

    BinlogPosition headPosition() {
        return headPosition;
    }

    private static BinlogPosition positionOf(LogHead head) {
        if (head.resumeToken() != null) {
            return BinlogPosition.fromOffset(ResumeToken.parse(head.resumeToken()));
        }
        return BinlogPosition.parse(head.position());
    }
}
