package io.concordbridge.core.config;

/**
 * How changes travel between leaders. Immutable.
 *
 * @param kind              {@link Kind#IN_PROCESS} (hub mode) or {@link Kind#KAFKA} (sidecar mode)
 * @param bootstrapServers  Kafka's bootstrap servers; empty for in-process
 * @param topicPrefix       topics are {@code <topicPrefix>.<leader>}
 * @param partitions        partitions of each topic
 * @param replicationFactor replication factor of each topic the bridge creates
 */
public record TransportConfig(Kind kind, String bootstrapServers, String topicPrefix, int partitions,
                              int replicationFactor) {

    /** The transport's kind. */
    public enum Kind { IN_PROCESS, KAFKA }

    /** The in-process transport of hub mode. */
    public static TransportConfig inProcess(String cluster) {
        return new TransportConfig(Kind.IN_PROCESS, "", "concord." + cluster,
                ConfigKeys.TRANSPORT_PARTITIONS.defaultValue(), ConfigKeys.TRANSPORT_REPLICATION_FACTOR.defaultValue());
    }

    /** The topic that carries {@code leader}'s changes. */
    public String topic(String leader) {
        return topicPrefix + "." + leader;
    }
}
