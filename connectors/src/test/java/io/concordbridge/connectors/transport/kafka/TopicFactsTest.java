package io.concordbridge.connectors.transport.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFactsTest {

    @Test
    void oneDeletingPartitionWithEnoughReplicasIsFine() {
        assertThat(new TopicFacts("concord.shop.dc1", 1, 3, "delete").problems(3)).isEmpty();
        assertThat(new TopicFacts("concord.shop.dc1", 1, 3, "delete").problems(1)).isEmpty();
    }

    @Test
    void morePartitionsAreRefusedWithTheReasonAndTheFix() {
        assertThat(new TopicFacts("concord.shop.dc1", 3, 1, "delete").problems(1)).singleElement().asString()
                .contains("topic concord.shop.dc1 has partitions=3", "exactly 1", "keep one order", "transport.topic-prefix");
    }

    @Test
    void compactionIsRefusedAloneOrWithDelete() {
        assertThat(new TopicFacts("t.dc2", 1, 1, "compact").problems(1)).singleElement().asString()
                .contains("topic t.dc2 has cleanup.policy=compact", "would lose changes",
                        "--entity-name t.dc2 --add-config cleanup.policy=delete");
        assertThat(new TopicFacts("t.dc2", 1, 1, "compact,delete").problems(1)).hasSize(1);
        assertThat(new TopicFacts("t.dc2", 1, 1, "delete,compact").problems(1)).hasSize(1);
    }

    @Test
    void tooFewReplicasNameTheConfiguredFactor() {
        assertThat(new TopicFacts("t.dc3", 1, 1, "delete").problems(3)).singleElement().asString()
                .contains("topic t.dc3 has replication factor 1", "transport.replication-factor=3");
    }

    @Test
    void everyProblemIsReported() {
        assertThat(new TopicFacts("t.dc3", 6, 1, "compact").problems(2)).hasSize(3);
    }
}
