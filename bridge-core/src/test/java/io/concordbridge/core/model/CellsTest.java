package io.concordbridge.core.model;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellsTest {

    private static final TableId T = new TableId("shop", "items");
    private static final Stamp OLD = new Stamp(10, "dc2");
    private static final Stamp NOW = new Stamp(20, "dc1");

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void anUpdateStampsTheColumnsItChangedAndKeepsThePriorStampsOfTheRest() {
        Cells prior = Cells.all(List.of("id", "name", "qty"), OLD);
        Change c = new Change(T, Op.UPDATE, List.of("id"), row("id", 1L, "name", "pen", "qty", 3L),
                row("id", 1L, "name", "ink", "qty", 3L), NOW);

        Cells cells = Cells.written(c, prior);

        assertThat(cells.stamps()).containsEntry("id", OLD).containsEntry("name", NOW).containsEntry("qty", OLD);
        assertThat(Cells.written(c, null).of("qty")).as("no prior: unknown").isNull();
    }

    @Test
    void anInsertAndAKeyMoveStampEveryColumnAndADeleteKeepsThePriorCells() {
        Cells prior = Cells.all(List.of("id", "name"), OLD);
        Change insert = new Change(T, Op.INSERT, List.of("id"), null, row("id", 1L, "name", "pen"), NOW);
        Change move = new Change(T, Op.UPDATE, List.of("id"), row("id", 1L, "name", "pen"), row("id", 2L, "name", "pen"), NOW);
        Change delete = new Change(T, Op.DELETE, List.of("id"), row("id", 1L, "name", "pen"), null, NOW);

        assertThat(Cells.written(insert, prior)).isEqualTo(Cells.all(List.of("id", "name"), NOW));
        assertThat(Cells.written(move, prior)).isEqualTo(Cells.all(List.of("id", "name"), NOW));
        assertThat(Cells.written(delete, prior)).isEqualTo(prior);
    }

    @Test
    void jsonKeepsStampsPrecedenceAndUnknownColumns() {
        Map<String, Stamp> m = new LinkedHashMap<>();
        m.put("a", NOW);
        m.put("b", null);
        m.put("c", new Stamp(30, "dc3", 99));
        Cells cells = new Cells(m);

        Cells back = Cells.fromJson(cells.toJson());

        assertThat(back).isEqualTo(cells);
        assertThat(back.of("c").precedence()).isEqualTo(99);
        assertThat(cells.toJson()).isEqualTo("{\"a\":[20,\"dc1\"],\"b\":null,\"c\":[30,\"dc3\",99]}");
        assertThat(Cells.fromJson(null)).isNull();
        assertThatThrownBy(() -> Cells.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not column stamps");
    }
}
