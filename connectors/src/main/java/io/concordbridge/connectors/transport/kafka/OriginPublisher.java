package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.TransportUnavailableException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes one origin's transactions to its topic, one record each, and keeps its head. A
 * publish returns only once Kafka acknowledged every record (acks=all), with seq = offset + 1.
 * After a failure nothing is known of what Kafka kept: the producer is dropped and the head is
 * read again from the topic, which is where the capture resumes. Thread-safe (serialised).
 */
final class OriginPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OriginPublisher.class);

    private final String origin;
    private final String topic;
    private final KafkaClients clients;
    private final HeadReader heads;
    private KafkaProducer<String, byte[]> producer;
    private Optional<LogHead> head;

    OriginPublisher(String origin, String topic, KafkaClients clients, HeadReader heads) {
        this.origin = origin;
        this.topic = topic;
        this.clients = clients;
        this.heads = heads;
    }

    /** The newest record's head, read from Kafka once and then kept up to date by each publish. */
    synchronized Optional<LogHead> head() {
        if (head == null) {
            head = heads.read(origin, topic);
        }
        return head;
    }

    synchronized List<OriginTransaction> publish(List<OriginTransaction> txs) throws InterruptedException {
        long high = head().map(LogHead::stampMicros).orElse(0L);
        List<Future<RecordMetadata>> acks = new ArrayList<>(txs.size());
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(clients.producer(origin));
            }
            for (OriginTransaction tx : txs) {
                high = RecordCodec.highWater(tx, high);
                acks.add(producer.send(new ProducerRecord<>(topic, 0, origin, RecordCodec.encode(tx, high))));
            }
            producer.flush();
            List<OriginTransaction> published = new ArrayList<>(txs.size());
            for (int i = 0; i < txs.size(); i++) {
                published.add(txs.get(i).withSeq(acks.get(i).get().offset() + 1));
            }
            OriginTransaction last = published.get(published.size() - 1);
            checkConsecutive(published);
            head = Optional.of(new LogHead(last.seq(), last.txId(), last.position(), last.resumeToken(), high));
            return published;
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            reset();
            throw new InterruptedException("publishing to " + topic + " was interrupted");
        } catch (ExecutionException | KafkaException e) {
            reset();
            throw failure(txs, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            reset();
            throw e;
        }
    }

    private TransportUnavailableException failure(List<OriginTransaction> txs, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            return new TransportUnavailableException("a transaction of " + origin + " (one of " + txs.size()
                    + " from " + txs.get(0).position() + ") is larger than the " + KafkaClients.MAX_RECORD_BYTES
                    + " bytes Kafka accepts as one record on topic " + topic + ": split such transactions at the source",
                    cause);
        }
        LOG.warn("Kafka at {} unreachable or not acknowledging, retrying: publishing {} transaction(s) of {} to {} "
                + "failed: {}", clients.bootstrapServers(), txs.size(), origin, topic, cause.toString());
        return new TransportUnavailableException("publishing " + txs.size() + " transaction(s) of " + origin
                + " to Kafka topic " + topic + " at " + clients.bootstrapServers() + " failed (" + cause.getMessage()
                + "); the capture resumes from the topic's last record", cause);
    }

    private void checkConsecutive(List<OriginTransaction> published) {
        for (int i = 1; i < published.size(); i++) {
            if (published.get(i).seq() != published.get(i - 1).seq() + 1) {
                LOG.error("topic {} got records of another writer between seq {} and {}: only the sidecar of {} may "
                        + "write to it", topic, published.get(i - 1).seq(), published.get(i).seq(), origin);
                return;
            }
        }
    }

    /** Drops the producer (waiting briefly for requests in flight) and forgets the head. */
    private void reset() {
        head = null;
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing the producer of {}: {}", origin, e.toString());
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
