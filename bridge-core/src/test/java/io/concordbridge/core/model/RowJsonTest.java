package io.concordbridge.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowJsonTest {

    private static Map<String, Object> everyType() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.MIN_VALUE);
        row.put("name", "it's \"x\" \\ 😀\n");
        row.put("flag", false);
        row.put("none", null);
        row.put("price", new BigDecimal("12.50"));
        row.put("tiny", new BigDecimal("0.000000000000000000000000000001"));
        row.put("biu", new BigInteger("18446744073709551615"));
        row.put("f", -Float.MIN_NORMAL);
        row.put("nan", Double.NaN);
        row.put("d", 0.1 + 0.2);
        row.put("raw", new byte[] {0, (byte) 0xFF, 0x5C});
        row.put("born", LocalDate.of(9999, 12, 31));
        row.put("at", LocalDateTime.of(2024, 2, 29, 0, 0));
        row.put("took", Duration.ofHours(-838).minusMinutes(59).minusSeconds(59).minusNanos(1000));
        return row;
    }

    @Test
    void everyValuesTypeRoundTripsExactlyWithItsType() {
        Map<String, Object> row = everyType();
        Map<String, Object> back = RowJson.read(RowJson.write(row));
        assertThat(back.keySet()).as("column order kept").containsExactlyElementsOf(row.keySet());
        row.forEach((col, v) -> {
            Object got = back.get(col);
            assertThat(got == null ? null : got.getClass()).as(col).isEqualTo(v == null ? null : v.getClass());
            assertThat(Values.same(v, got) || v instanceof Double d && d.isNaN() && ((Double) got).isNaN()).as(col).isTrue();
        });
        assertThat(((BigDecimal) back.get("price")).scale()).isEqualTo(2);
    }

    @Test
    void theFormatIsPlainJsonForStringsIntegersAndBooleansAndTaggedForTheRest() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("email", "a@example.com");
        row.put("ok", true);
        row.put("gone", null);
        row.put("price", new BigDecimal("12.50"));
        row.put("raw", new byte[] {0, 1, 2});
        row.put("f", 1.1f);
        row.put("at", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000));
        row.put("took", Duration.ofHours(-25));
        assertThat(RowJson.write(row)).isEqualTo("{\"id\":7,\"email\":\"a@example.com\",\"ok\":true,\"gone\":null,"
                + "\"price\":{\"$decimal\":\"12.50\"},\"raw\":{\"$bytes\":\"AAEC\"},\"f\":{\"$float\":\"1.1\"},"
                + "\"at\":{\"$datetime\":\"2024-02-29T12:34:56.123456\"},\"took\":{\"$time\":\"PT-25H\"}}");
        assertThat(RowJson.write(null)).isNull();
        assertThat(RowJson.read("null")).isNull();
    }

    @Test
    void somethingThatIsNotARowOfFormatV1IsRefusedNamingTheColumn() {
        assertThatThrownBy(() -> RowJson.read("[1]")).hasMessageContaining("object");
        assertThatThrownBy(() -> RowJson.read("{\"a\": 1.5}")).hasMessageContaining("column a").hasMessageContaining("integer");
        assertThatThrownBy(() -> RowJson.read("{\"a\": {\"$money\": \"1\"}}")).hasMessageContaining("unknown tag $money");
        assertThatThrownBy(() -> RowJson.read("{\"a\": [1]}")).hasMessageContaining("column a");
    }
}
