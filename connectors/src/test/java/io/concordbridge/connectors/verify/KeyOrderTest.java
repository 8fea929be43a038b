package io.concordbridge.connectors.verify;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest {

    @Test
    void stringsOrderByTheirUtf8BytesNotByUtf16() {
        String emoji = "😀";
        String halfwidth = "\uFFDC";
        assertThat(emoji.compareTo(halfwidth)).as("UTF-16 puts the surrogate first").isNegative();
        assertThat(KeyOrder.compareValues(emoji, halfwidth)).isPositive();
        for (String[] p : new String[][] {{"B", "a"}, {"a", "ab"}, {"zz", "Émile"}, {"Émile", "ärger"}, {"", "a"}}) {
            assertThat(KeyOrder.compareValues(p[0], p[1])).as(p[0] + " < " + p[1]).isNegative();
            assertThat(Arrays.compareUnsigned(p[0].getBytes(StandardCharsets.UTF_8), p[1].getBytes(StandardCharsets.UTF_8)))
                    .isNegative();
        }
    }

    @Test
    void numbersByValueBytesUnsignedTemporalNaturally() {
        assertThat(KeyOrder.compareValues(-1L, new BigInteger("18446744073709551615"))).isNegative();
        assertThat(KeyOrder.compareValues(new BigDecimal("1.50"), new BigDecimal("1.5"))).isZero();
        assertThat(KeyOrder.compareValues(new byte[] {0x7F}, new byte[] {(byte) 0x80})).isNegative();
        assertThat(KeyOrder.compareValues(new byte[] {1}, new byte[] {1, 0})).isNegative();
        assertThat(KeyOrder.compareValues(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2023, 12, 31, 23, 59)))
                .isPositive();
        assertThat(KeyOrder.compareValues("0000-00-00 00:00:00", LocalDateTime.of(1000, 1, 1, 0, 0)))
                .as("a zero date read as text sorts first, as ORDER BY puts it").isNegative();
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        assertThat(KeyOrder.INSTANCE.compare(List.of(1L, "b"), List.of(1L, "a"))).isPositive();
        assertThat(KeyOrder.INSTANCE.compare(List.of(1L, "b"), List.of(2L, "a"))).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(List.of(1L, "a"), List.of(1L, "a"))).isZero();
    }
}
