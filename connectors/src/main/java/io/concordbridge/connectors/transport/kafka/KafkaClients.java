package io.concordbridge.connectors.transport.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;

/**
 * The settings of the bridge's Kafka clients, in one place. The producer waits for every
 * in-sync replica and is idempotent, so a retry inside one producer never writes a record twice.
 * Consumers belong to no group and commit nothing: where a target stands is its checkpoint in its
 * meta schema, advanced in the apply transaction. Immutable.
 */
final class KafkaClients {

    /** The largest transaction record: the producer's max.request.size and max.message.bytes of topics the bridge creates. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /** How long a publish may wait for Kafka's acknowledgement before it fails (delivery.timeout.ms). */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** One request, and reading offsets or the last record of a topic. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;

    KafkaClients(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Properties admin() {
        Properties p = common("concord-admin");
        p.setProperty(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(REQUEST_TIMEOUT));
        return p;
    }

    Properties producer(String origin) {
        Properties p = common("concord-publish-" + origin);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(DELIVERY_TIMEOUT));
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(REQUEST_TIMEOUT));
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        p.setProperty(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(4 * MAX_RECORD_BYTES));
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    Properties consumer(String clientId) {
        Properties p = common(clientId);
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(REQUEST_TIMEOUT));
        p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties common(String clientId) {
        Properties p = new Properties();
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.setProperty(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(REQUEST_TIMEOUT));
        p.setProperty(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        return p;
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
