package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.config.TransportConfig;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.Transport;
import io.concordbridge.core.transport.TransportReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport of sidecar mode: one Kafka topic per origin leader ({@link TransportConfig#topic}),
 * with exactly one partition, and one record per whole origin transaction (key: the origin's name;
 * value: {@link RecordCodec}), so an origin's transactions stay whole and in commit order and
 * {@code seq = offset + 1}.
 * <ul>
 *   <li>Start-up creates the missing topics and refuses existing ones with the wrong settings ({@link Topics}).</li>
 *   <li>{@link #publish} returns once Kafka acknowledged every record ({@link OriginPublisher}); when it
 *       cannot, it throws {@link io.concordbridge.core.transport.TransportUnavailableException} and the
 *       capture starts again from {@link #head}, the topic's last record.</li>
 *   <li>{@link #open} reads from a seq on, with no consumer group ({@link KafkaReader}): a target's
 *       position is its checkpoint, stored with its applied changes.</li>
 *   <li>{@link #acknowledge} does nothing: Kafka's retention decides when records go.</li>
 * </ul>
 * Thread-safe: one publisher per origin, readers on other threads.
 */
public final class KafkaTransport implements Transport {

    /** How long start-up waits for Kafka to answer before it gives up. */
    public static final Duration DEFAULT_START_WAIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);

    private final TransportConfig config;
    private final Set<String> leaders;
    private final KafkaClients clients;
    private final HeadReader heads;
    private final Map<String, OriginPublisher> publishers = new ConcurrentHashMap<>();
    private final Set<KafkaReader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private KafkaTransport(TransportConfig config, Collection<String> leaders) {
        this.config = config;
        this.leaders = Set.copyOf(leaders);
        this.clients = new KafkaClients(config.bootstrapServers());
        this.heads = new HeadReader(clients);
    }

    /**
     * Connects to Kafka (waiting up to {@code startWait} for it to answer), creates the missing
     * topics of {@code leaders} and checks the others; throws {@link IllegalStateException} naming
     * every topic setting to fix.
     */
    public static KafkaTransport start(TransportConfig config, Collection<String> leaders, Duration startWait)
            throws InterruptedException {
        if (config.kind() != TransportConfig.Kind.KAFKA) {
            throw new IllegalArgumentException("transport.kind is " + config.kind() + ", not kafka");
        }
        Topics.ensure(new KafkaClients(config.bootstrapServers()), config, leaders, startWait);
        return new KafkaTransport(config, leaders);
    }

    @Override
    public List<OriginTransaction> publish(String origin, List<OriginTransaction> txs) throws InterruptedException {
        checkOpen();
        Transport.requireOrigin(origin, txs, "topic");
        return txs.isEmpty() ? List.of() : publisher(origin).publish(txs);
    }

    /** {@inheritDoc} The publishing origin's head is kept in memory; another origin's is read from its topic. */
    @Override
    public Optional<LogHead> head(String origin) {
        checkOpen();
        OriginPublisher p = publishers.get(origin);
        return p != null ? p.head() : heads.read(origin, topic(origin));
    }

    @Override
    public TransportReader open(String origin, long afterSeq) {
        checkOpen();
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must not be negative, was " + afterSeq + " for origin '" + origin + "'");
        }
        KafkaReader[] reader = new KafkaReader[1];
        reader[0] = new KafkaReader(origin, topic(origin), afterSeq, clients, () -> readers.remove(reader[0]));
        readers.add(reader[0]);
        return reader[0];
    }

    /** Nothing to do: Kafka's retention drops old records, and where a target stands is its own checkpoint. */
    @Override
    public void acknowledge(String origin, String target, long seq) {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(readers).forEach(KafkaReader::close);
        publishers.values().forEach(OriginPublisher::close);
        heads.close();
        LOG.info("Kafka transport to {} closed", clients.bootstrapServers());
    }

    private OriginPublisher publisher(String origin) {
        return publishers.computeIfAbsent(origin, o -> new OriginPublisher(o, topic(o), clients, heads));
    }

    private String topic(String origin) {
        if (!leaders.contains(origin)) {
            throw new IllegalArgumentException("'" + origin + "' is not one of the configured leaders " + leaders);
        }
        return config.topic(origin);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka transport to " + clients.bootstrapServers() + " is closed");
        }
    }
}
