package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.TransportUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the last record of an origin's topic, which is its head: seq (offset + 1), txId,
 * position, resume token and stamp high water. One consumer, assigned to one topic at a time;
 * thread-safe (calls are serialised).
 */
final class HeadReader implements AutoCloseable {

    private final KafkaClients clients;
    private final KafkaConsumer<String, byte[]> consumer;

    HeadReader(KafkaClients clients) {
        this.clients = clients;
        this.consumer = new KafkaConsumer<>(clients.consumer("concord-head"));
    }

    /** The head of {@code origin}'s topic; empty when nothing was ever published to it. */
    synchronized Optional<LogHead> read(String origin, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (end == 0) {
                return Optional.empty();
            }
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            if (begin >= end) {
                throw new IllegalStateException("topic " + topic + " has no record left (retention deleted offsets up to "
                        + end + "), so the capture of " + origin + " does not know where to resume: keep records longer "
                        + "(retention.ms) than a sidecar may stay down, and re-seed " + origin + " from another leader");
            }
            consumer.seek(tp, end - 1);
            return Optional.of(last(origin, topic, end - 1).head());
        } catch (KafkaException e) {
            throw new TransportUnavailableException("reading the last record of topic " + topic + " from Kafka at "
                    + clients.bootstrapServers() + " failed (is Kafka running?): " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }

    private RecordCodec.Decoded last(String origin, String topic, long offset) {
        long deadline = System.nanoTime() + KafkaClients.REQUEST_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == offset) {
                    return RecordCodec.decode(origin, topic, offset, r.value());
                }
            }
        }
        throw new org.apache.kafka.common.errors.TimeoutException("record " + offset + " of topic " + topic
                + " did not arrive within " + KafkaClients.REQUEST_TIMEOUT.toSeconds() + " s");
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
