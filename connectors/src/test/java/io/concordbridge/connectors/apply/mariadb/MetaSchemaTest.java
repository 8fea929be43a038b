package io.concordbridge.connectors.apply.mariadb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.concordbridge.connectors.apply.mariadb.Changes.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaSchemaTest {

    @Test
    void theCheckpointOfAnOriginIsItsHighestSeqInTheBatch() {
        assertThat(MetaSchema.lastPerOrigin(List.of(tx("dc1", 4), tx("dc3", 9), tx("dc1", 6), tx("dc1", 5))))
                .extracting(t -> t.origin() + "@" + t.seq()).containsExactly("dc1@6", "dc3@9");
    }

    @Test
    void ddlQuotesTheSchemaName() {
        assertThat(new MetaSchema("con`cord").ddl().get(0)).startsWith("CREATE DATABASE IF NOT EXISTS `con``cord`");
        assertThat(new MetaSchema("concord").table(MetaSchema.CHECKPOINT)).isEqualTo("`concord`.`checkpoint`");
        assertThatThrownBy(() -> new MetaSchema(" ")).hasMessageContaining("1..64");
    }
}
