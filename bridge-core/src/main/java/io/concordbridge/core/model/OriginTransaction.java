package io.concordbridge.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One committed transaction of an origin leader, the unit the transport carries and the apply
 * keeps whole.
 *
 * @param origin         the leader it was written at
 * @param seq            its sequence number in the origin's transport log, assigned on publish (0 before)
 * @param txId           the origin's transaction id (MariaDB: the GTID)
 * @param position       the origin log position, human readable ("mariadb-bin.000003:4711")
 * @param commitMillis   origin commit time, epoch milliseconds (as the origin log records it)
 * @param capturedMillis when the bridge read it, epoch milliseconds
 * @param changes        its row changes in origin order
 * @param resumeToken    opaque to everything but the capture that made it: where to resume after this transaction
 */
public record OriginTransaction(String origin, long seq, String txId, String position, long commitMillis,
                                long capturedMillis, List<Change> changes, String resumeToken) {

    public OriginTransaction {
        Objects.requireNonNull(origin, "origin");
        changes = List.copyOf(changes);
    }

    public OriginTransaction withSeq(long newSeq) {
        return new OriginTransaction(origin, newSeq, txId, position, commitMillis, capturedMillis, changes, resumeToken);
    }

    public int size() {
        return changes.size();
    }
}
