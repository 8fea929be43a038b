package io.concordbridge.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowHashTest {

    /** A row as the capture hands it over (Debezium's types, converted to the Values types). */
    private static Map<String, Object> captured() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("biu", new BigInteger("18446744073709551615"));
        row.put("price", new BigDecimal("12.50"));
        row.put("f", 1.1f);
        row.put("d", 0.1 + 0.2);
        row.put("flag", true);
        row.put("raw", new byte[] {0, 1, (byte) 0xFF});
        row.put("name", "héllo 😀");
        row.put("born", LocalDate.of(2024, 2, 29));
        row.put("at", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000));
        row.put("took", Duration.ofHours(-25).minusNanos(1000));
        row.put("gone", null);
        return row;
    }

    /**
     * The same row as the apply reads it back with TableSchema/ColumnKind: columns in another
     * order, a FLOAT through CAST(.. AS DOUBLE) narrowed back, a DECIMAL at the column's scale,
     * a fresh byte array, a BIGINT that fits a Long as the capture of a signed column gives it.
     */
    private static Map<String, Object> readBack() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("gone", null);
        row.put("took", Duration.ofSeconds(-90_001, 999_999_000));
        row.put("at", LocalDateTime.parse("2024-02-29T12:34:56.123456"));
        row.put("born", LocalDate.parse("2024-02-29"));
        row.put("name", new String("héllo 😀".toCharArray()));
        row.put("raw", new byte[] {0, 1, (byte) 0xFF});
        row.put("flag", Boolean.TRUE);
        row.put("d", Double.parseDouble("0.30000000000000004"));
        row.put("f", (float) Double.parseDouble("1.100000023841858"));
        row.put("price", new BigDecimal("12.5000"));
        row.put("biu", new BigDecimal("18446744073709551615").toBigIntegerExact());
        row.put("id", BigInteger.valueOf(7));
        return row;
    }

    @Test
    void capturedAndReadBackImagesOfTheSameRowHashEqual() {
        assertThat(RowHash.of(readBack())).hasSize(RowHash.LENGTH).isEqualTo(RowHash.of(captured()));
        assertThat(RowHash.matches(RowHash.of(captured()), readBack())).isTrue();
    }

    @Test
    void aFloatEqualsTheDoubleItWidensTo() {
        assertThat(RowHash.of(Map.of("f", 1.1f))).isEqualTo(RowHash.of(Map.of("f", (double) 1.1f)));
        assertThat(RowHash.of(Map.of("f", 1.1f))).as("not the double nearest 1.1").isNotEqualTo(RowHash.of(Map.of("f", 1.1)));
    }

    @Test
    void everyDifferenceInAValueOrANameChangesTheHash() {
        byte[] base = RowHash.of(captured());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("id", 8L);
        changes.put("biu", new BigInteger("18446744073709551614"));
        changes.put("price", new BigDecimal("12.51"));
        changes.put("f", Math.nextUp(1.1f));
        changes.put("d", 0.3);
        changes.put("flag", false);
        changes.put("raw", new byte[] {0, 1, (byte) 0xFE});
        changes.put("name", "hello 😀");
        changes.put("born", LocalDate.of(2024, 3, 1));
        changes.put("at", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_457_000));
        changes.put("took", Duration.ofHours(25).plusNanos(1000));
        changes.put("gone", "");
        changes.forEach((col, value) -> {
            Map<String, Object> other = captured();
            other.put(col, value);
            assertThat(RowHash.of(other)).as("column %s", col).isNotEqualTo(base);
        });
        Map<String, Object> renamed = captured();
        renamed.put("gone2", renamed.remove("gone"));
        assertThat(RowHash.of(renamed)).isNotEqualTo(base);
        Map<String, Object> fewer = captured();
        fewer.remove("gone");
        assertThat(RowHash.of(fewer)).as("a null column is not a missing column").isNotEqualTo(base);
    }

    @Test
    void valuesOfDifferentKindsNeverCollide() {
        List<Object> values = List.of("1", 1L, 1.0, true, new byte[] {'1'}, LocalDate.ofEpochDay(1),
                Duration.ofSeconds(1), "", new byte[0], false);
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                assertThat(RowHash.of(Map.of("c", values.get(i))))
                        .as("%s vs %s", values.get(i), values.get(j)).isNotEqualTo(RowHash.of(Map.of("c", values.get(j))));
            }
        }
        assertThat(RowHash.of(Map.of("ab", "c"))).as("tokens are length-prefixed").isNotEqualTo(RowHash.of(Map.of("a", "bc")));
    }

    @Test
    void aValueOfNoValuesTypeIsRefused() {
        assertThatThrownBy(() -> RowHash.of(Map.of("x", new Object()))).hasMessageContaining("not a Values type");
    }

    @Test
    void keyBytesMatchAcrossTypingsAndStayWithinTheColumn() {
        assertThat(RowKeyBytes.of(List.of(7L, "a"))).isEqualTo(RowKeyBytes.of(List.of(BigInteger.valueOf(7), "a")));
        assertThat(RowKeyBytes.of(List.of(new BigDecimal("1.0")))).isEqualTo(RowKeyBytes.of(List.of(new BigDecimal("1"))));
        assertThat(RowKeyBytes.of(List.of(7L, "a"))).isNotEqualTo(RowKeyBytes.of(List.of(7L, "b")));
        byte[] longKey = RowKeyBytes.of(List.of("x".repeat(2000)));
        assertThat(longKey).hasSize(33).startsWith(2);
        assertThat(longKey).isNotEqualTo(RowKeyBytes.of(List.of("x".repeat(2001))));
        assertThat(RowKeyBytes.of(List.of("x".repeat(700))).length).isLessThanOrEqualTo(RowKeyBytes.MAX_LENGTH);
    }
}
