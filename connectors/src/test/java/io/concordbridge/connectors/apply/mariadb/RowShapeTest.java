package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowShapeTest {

    private static final TableId TABLE = new TableId("shop", "it`ems");

    @Test
    void upsertGuardsEveryKeyColumnAndUpdatesTheOthers() {
        RowShape.Text text = RowShape.upsert(TABLE, List.of("a", "b", "qty"), List.of("a", "b")).text();
        assertThat(text.of(List.of(List.of(1L, "x", 5L), List.of(2L, "y'", 6L)))).isEqualTo(
                "INSERT INTO `shop`.`it``ems` (`a`, `b`, `qty`) VALUES (1, 'x', 5), (2, 'y\\'', 6)"
                        + " ON DUPLICATE KEY UPDATE "
                        + "`a` = IF(`a` <=> VALUES(`a`), VALUES(`a`), NULL), "
                        + "`b` = IF(`b` <=> VALUES(`b`), VALUES(`b`), NULL), `qty` = VALUES(`qty`)");
    }

    @Test
    void aPlainInsertHasNoUpdateClause() {
        assertThat(RowShape.insert(TABLE, List.of("a", "qty"), List.of("a")).text().of(List.of(List.of(1L, 5L))))
                .isEqualTo("INSERT INTO `shop`.`it``ems` (`a`, `qty`) VALUES (1, 5)");
        assertThat(RowShape.insert(TABLE, List.of("a", "qty"), List.of("a")))
                .isNotEqualTo(RowShape.upsert(TABLE, List.of("a", "qty"), List.of("a")));
    }

    @Test
    void deleteIsByTheKeyWithInForOneColumnAndEqualitiesForACompositeKey() {
        assertThat(RowShape.delete(TABLE, List.of("a")).text().of(List.of(List.of(1L), List.of(2L))))
                .isEqualTo("DELETE FROM `shop`.`it``ems` WHERE `a` IN (1, 2)");
        assertThat(RowShape.delete(TABLE, List.of("a", "b")).text().of(List.of(List.of(1L, "x"), List.of(2L, "y"))))
                .isEqualTo("DELETE FROM `shop`.`it``ems` WHERE (`a` = 1 AND `b` = 'x') OR (`a` = 2 AND `b` = 'y')");
    }

    @Test
    void shapesDifferByTableKindAndColumns() {
        RowShape s = RowShape.upsert(TABLE, List.of("a", "qty"), List.of("a"));
        assertThat(s).isEqualTo(RowShape.upsert(TABLE, List.of("a", "qty"), List.of("a")));
        assertThat(s).isNotEqualTo(RowShape.upsert(TABLE, List.of("a"), List.of("a")));
        assertThat(RowShape.delete(TABLE, List.of("a"))).isNotEqualTo(RowShape.upsert(TABLE, List.of("a"), List.of("a")));
    }
}
