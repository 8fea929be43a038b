package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.config.TransportConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure every leader's topic exists with the settings the bridge needs, at start-up: creates
 * the missing ones (one partition, {@code cleanup.policy=delete}, the configured replication
 * factor) and checks the existing ones ({@link TopicFacts}). Several sidecars may race to create
 * a topic; the loser checks the winner's. While Kafka cannot be reached it retries until the
 * deadline, then fails with a message naming the bootstrap servers. Stateless.
 */
final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /** Ensures the topics of {@code leaders}; throws {@link IllegalStateException} listing every problem found. */
    static void ensure(KafkaClients clients, TransportConfig config, Collection<String> leaders, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> topics = leaders.stream().map(config::topic).toList();
        while (true) {
            try (Admin admin = Admin.create(clients.admin())) {
                create(admin, config, topics);
                List<String> problems = new ArrayList<>();
                for (TopicFacts facts : describe(admin, topics)) {
                    problems.addAll(facts.problems(config.replicationFactor()));
                }
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("the Kafka topics at " + clients.bootstrapServers()
                            + " do not suit the bridge:\n  " + String.join("\n  ", problems));
                }
                LOG.info("Kafka at {}: topics {} ready", clients.bootstrapServers(), topics);
                return;
            } catch (TimeoutException | KafkaException e) {
                if (e instanceof RetriableException && !(e instanceof org.apache.kafka.common.errors.TimeoutException)
                        && System.nanoTime() < deadline) {
                    LOG.debug("Kafka at {} not ready for the topics yet: {}", clients.bootstrapServers(), e.toString());
                    Thread.sleep(200);
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka at " + clients.bootstrapServers() + " did not answer within "
                            + wait.toSeconds() + " s: start it, or fix transport.bootstrap-servers (" + e + ")", e);
                }
                LOG.warn("Kafka at {} unreachable, retrying: {}", clients.bootstrapServers(), e.toString());
                Thread.sleep(2_000);
            }
        }
    }

    private static void create(Admin admin, TransportConfig config, List<String> topics)
            throws InterruptedException, TimeoutException {
        Set<String> existing = get(admin.listTopics().names());
        for (String topic : topics) {
            if (existing.contains(topic)) {
                continue;
            }
            NewTopic t = new NewTopic(topic, 1, (short) config.replicationFactor()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(KafkaClients.MAX_RECORD_BYTES)));
            try {
                get(admin.createTopics(List.of(t)).all());
                LOG.info("created Kafka topic {} (1 partition, replication factor {})", topic, config.replicationFactor());
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof InvalidReplicationFactorException) {
                    throw new IllegalStateException("cannot create topic " + topic + " with replication factor "
                            + config.replicationFactor() + ": " + e.getCause().getMessage()
                            + "; lower transport.replication-factor to at most the number of brokers", e);
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static List<TopicFacts> describe(Admin admin, List<String> topics)
            throws InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
        List<TopicFacts> facts = new ArrayList<>();
        for (ConfigResource r : resources) {
            TopicDescription d = descriptions.get(r.name());
            var policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            facts.add(new TopicFacts(r.name(), d.partitions().size(), d.partitions().get(0).replicas().size(),
                    policy == null ? "delete" : policy.value()));
        }
        return facts;
    }

    /** The future's value; a Kafka error comes back as IllegalStateException with the cause, unreachable as TimeoutException. */
    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException, TimeoutException {
        try {
            return future.get(KafkaClients.REQUEST_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
