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

    @Test
    void rowVersionsAndConflictsHaveTheirTablesKeyedAsTheApplyLooksThemUp() {
        List<String> ddl = new MetaSchema("concord").ddl();
        assertThat(ddl).anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS `concord`.`row_version`")
                .contains("pk VARBINARY(767) NOT NULL", "row_hash BINARY(16) NULL", "PRIMARY KEY (tbl, pk)"));
        assertThat(ddl).anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS `concord`.`conflict_history`")
                .contains("KEY by_row (tbl, row_key)", "KEY by_conflict (conflict_id)"));
        assertThat(ddl).anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS `concord`.`conflict`")
                .contains("PRIMARY KEY (conflict_id)", "versions JSON NOT NULL"));
    }
}
