package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.spool.ChangeCodec;
import io.concordbridge.core.transport.spool.SpoolEntry;

/**
 * One origin transaction as the value of one Kafka record: the spool's {@link ChangeCodec}
 * encoding, with seq 0 inside, because the record's offset gives it ({@code seq = offset + 1}, the
 * topic having one partition). The record key is the origin's name. Stateless and thread-safe.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    /** The record value of {@code tx}; {@code stampHighWater} is the highest stamp its origin published up to it. */
    static byte[] encode(OriginTransaction tx, long stampHighWater) {
        return ChangeCodec.encode(0, stampHighWater, tx);
    }

    /** The transaction of the record at {@code offset} of {@code origin}'s topic, with its seq. */
    static Decoded decode(String origin, String topic, long offset, byte[] value) {
        if (value == null) {
            throw new IllegalStateException("record " + offset + " of topic " + topic + " has no value: it was not "
                    + "written by the bridge; the topic must hold only the bridge's records of leader " + origin);
        }
        try {
            SpoolEntry e = ChangeCodec.decode(origin, value);
            return new Decoded(e.tx().withSeq(offset + 1), e.stampHighWater());
        } catch (RuntimeException e) {
            throw new IllegalStateException("record " + offset + " of topic " + topic + " is not a transaction of "
                    + "leader " + origin + " written by the bridge: " + e.getMessage(), e);
        }
    }

    /** The highest stamp micros among {@code tx}'s changes, at least {@code floor}. */
    static long highWater(OriginTransaction tx, long floor) {
        long max = floor;
        for (Change c : tx.changes()) {
            if (c.stamp() != null) {
                max = Math.max(max, c.stamp().micros());
            }
        }
        return max;
    }

    /** A decoded record. */
    record Decoded(OriginTransaction tx, long stampHighWater) {

        LogHead head() {
            return new LogHead(tx.seq(), tx.txId(), tx.position(), tx.resumeToken(), stampHighWater);
        }
    }
}
