package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowShapeTest {

    private static final TableId TABLE = new TableId("shop", "it`ems");

    @Test
    void upsertGuardsEveryKeyColumnAndUpdatesTheOthers() {
        assertThat(RowShape.upsert(TABLE, List.of("a", "b", "qty"), List.of("a", "b")).sql()).isEqualTo(
                "INSERT INTO `shop`.`it``ems` (`a`, `b`, `qty`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
                        + "`a` = IF(`a` <=> VALUES(`a`), VALUES(`a`), NULL), "
                        + "`b` = IF(`b` <=> VALUES(`b`), VALUES(`b`), NULL), `qty` = VALUES(`qty`)");
    }

    @Test
    void deleteIsByTheKey() {
        assertThat(RowShape.delete(TABLE, List.of("a", "b")).sql())
                .isEqualTo("DELETE FROM `shop`.`it``ems` WHERE `a` = ? AND `b` = ?");
    }

    @Test
    void shapesDifferByTableKindAndColumns() {
        RowShape s = RowShape.upsert(TABLE, List.of("a", "qty"), List.of("a"));
        assertThat(s).isEqualTo(RowShape.upsert(TABLE, List.of("a", "qty"), List.of("a")));
        assertThat(s).isNotEqualTo(RowShape.upsert(TABLE, List.of("a"), List.of("a")));
        assertThat(RowShape.delete(TABLE, List.of("a"))).isNotEqualTo(RowShape.upsert(TABLE, List.of("a"), List.of("a")));
    }
}
