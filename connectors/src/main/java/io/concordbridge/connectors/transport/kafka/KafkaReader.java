package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads one origin's topic from a seq on: a consumer of no group, assigned its one partition and
 * positioned by seek, so the target's checkpoint alone says where it stands. It starts up to
 * {@link #LOOKBACK} records early, only to let the {@link DuplicateGuard} see the transactions
 * just before the checkpoint, and skips a transaction written twice with a WARN. Used by one
 * thread; {@link #close()} may come from another and makes a poll in progress return empty.
 */
final class KafkaReader implements TransportReader {

    static final int LOOKBACK = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReader.class);

    private final String origin;
    private final String topic;
    private final long firstOffset;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DuplicateGuard guard = new DuplicateGuard(LOOKBACK);
    private final Deque<OriginTransaction> pending = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable onClose;
    private volatile boolean closed;

    KafkaReader(String origin, String topic, long afterSeq, KafkaClients clients, Runnable onClose) {
        this.origin = origin;
        this.topic = topic;
        this.firstOffset = afterSeq;
        this.onClose = onClose;
        this.consumer = new KafkaConsumer<>(clients.consumer("concord-read-" + origin));
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            if (afterSeq < begin) {
                throw retentionLost(begin, null);
            }
            consumer.seek(tp, Math.max(begin, afterSeq - LOOKBACK));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    @Override
    public List<OriginTransaction> poll(int maxChanges, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!closed && pending.isEmpty()) {
                fetch(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            List<OriginTransaction> out = new ArrayList<>();
            int changes = 0;
            while (!pending.isEmpty() && (out.isEmpty() || changes + pending.peekFirst().size() <= maxChanges)) {
                OriginTransaction tx = pending.removeFirst();
                changes += tx.size();
                out.add(tx);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void fetch(Duration wait) throws InterruptedException {
        try {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
                OriginTransaction tx = RecordCodec.decode(origin, topic, r.offset(), r.value()).tx();
                boolean duplicate = guard.duplicate(tx);
                if (r.offset() < firstOffset) {
                    continue;
                }
                if (duplicate) {
                    LOG.warn("topic {}: skipping seq {}, a second copy of transaction {} at {} of {} (written again "
                            + "after a publish that failed without knowing whether Kafka kept it)",
                            topic, tx.seq(), tx.txId(), tx.position(), origin);
                } else {
                    pending.addLast(tx);
                }
            }
        } catch (WakeupException e) {
            // close() from another thread: return what we have
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            throw new InterruptedException("reading topic " + topic + " was interrupted");
        } catch (OffsetOutOfRangeException e) {
            throw retentionLost(-1, e);
        }
    }

    private IllegalStateException retentionLost(long begin, Throwable cause) {
        return new IllegalStateException("topic " + topic + " no longer holds the records after seq " + firstOffset
                + (begin >= 0 ? " (it starts at seq " + (begin + 1) + ")" : "") + ": Kafka's retention deleted "
                + origin + "'s changes before this leader applied them; keep records longer (retention.ms) than a "
                + "leader may stay behind, and re-seed this leader from another one", cause);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        lock.lock();
        try {
            consumer.close(Duration.ofSeconds(1));
        } finally {
            lock.unlock();
            onClose.run();
        }
    }
}
