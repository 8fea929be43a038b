package io.concordbridge.connectors.transport.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bridge needs to know of an existing topic, and the check of it: exactly one partition
 * (an origin's transactions in one order, whole, with seq = offset + 1), {@code cleanup.policy}
 * delete (compaction keeps only the newest record per key and would drop changes), and at least
 * the configured replication factor. Immutable.
 *
 * @param topic             its name
 * @param partitions        its partition count
 * @param replicationFactor replicas of its first partition
 * @param cleanupPolicy     its {@code cleanup.policy}, such as {@code delete} or {@code compact,delete}
 */
record TopicFacts(String topic, int partitions, int replicationFactor, String cleanupPolicy) {

    /** Every problem of this topic, each naming the topic, the setting, the value found and the fix; empty when fine. */
    List<String> problems(int wantedReplicationFactor) {
        List<String> problems = new ArrayList<>();
        if (partitions != 1) {
            problems.add("topic " + topic + " has partitions=" + partitions + "; the bridge needs exactly 1, so that "
                    + "the leader's transactions keep one order and stay whole: delete the topic (once every leader "
                    + "has applied it) and let the bridge create it, or set transport.topic-prefix to use new topics");
        }
        String policy = cleanupPolicy == null ? "" : cleanupPolicy.replace(" ", "");
        if (!policy.equals("delete")) {
            problems.add("topic " + topic + " has cleanup.policy=" + cleanupPolicy + "; the bridge needs delete, "
                    + "because compaction keeps only the newest record per key and would lose changes: "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                    + " --add-config cleanup.policy=delete");
        }
        if (replicationFactor < wantedReplicationFactor) {
            problems.add("topic " + topic + " has replication factor " + replicationFactor + ", below "
                    + "transport.replication-factor=" + wantedReplicationFactor + ": add replicas with "
                    + "kafka-reassign-partitions.sh, or lower transport.replication-factor");
        }
        return problems;
    }
}
