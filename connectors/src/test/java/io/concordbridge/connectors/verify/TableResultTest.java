package io.concordbridge.connectors.verify;

import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableResultTest {

    private static final TableId ORDERS = new TableId("shop", "orders");

    @Test
    void describesIdenticalDifferingAndUnreadableTables() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("dc1", 1200L);
        rows.put("dc2", 1200L);
        rows.put("dc3", 1200L);
        TableResult same = new TableResult(new TableId("shop", "items"), rows, 0, List.of(), Map.of(), null);
        assertThat(same.identical()).isTrue();
        assertThat(same.describe()).isEqualTo("shop.items: identical on dc1, dc2, dc3 (1200 rows)");

        rows.put("dc2", 1199L);
        TableResult differ = new TableResult(ORDERS, rows, 3, List.of(
                new KeyDifference("id=7", List.of("dc2"), List.of(List.of("dc1", "dc3")), List.of()),
                new KeyDifference("id=9", List.of(), List.of(List.of("dc1", "dc2"), List.of("dc3")), List.of("qty", "note"))),
                Map.of(), null);
        assertThat(differ.identical()).isFalse();
        assertThat(differ.describe()).isEqualTo("shop.orders: 3 keys differ — id=7 (dc2 missing), "
                + "id=9 (dc1=dc2 ≠ dc3 in qty, note) and 1 more [rows: dc1 1200, dc2 1199, dc3 1200]");

        TableResult down = TableResult.notCompared(ORDERS, Map.of("dc2", "cannot connect"), "fewer than two leaders could be read");
        assertThat(down.describe()).isEqualTo("shop.orders: not compared — fewer than two leaders could be read; dc2: cannot connect");
        assertThat(new VerifyReport(List.of(same, down)).describe())
                .endsWith("\n1 of 2 tables not identical.");
    }

    @Test
    void aKeyMissingOnOneLeaderAndDifferingOnTheOthers() {
        assertThat(new KeyDifference("a=1, b=x", List.of("dc3"), List.of(List.of("dc1"), List.of("dc2")), List.of("qty"))
                .describe()).isEqualTo("a=1, b=x (dc3 missing; dc1 ≠ dc2 in qty)");
    }
}
