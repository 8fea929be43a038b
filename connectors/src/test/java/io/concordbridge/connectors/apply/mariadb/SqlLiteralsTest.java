package io.concordbridge.connectors.apply.mariadb;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlLiteralsTest {

    private static String literal(Object value) {
        StringBuilder sql = new StringBuilder();
        SqlLiterals.append(sql, value);
        return sql.toString();
    }

    @Test
    void stringsEscapeWhatTheServerWouldReadOtherwise() {
        assertThat(literal("it's a \\ \"q\"\n\r\u0000\u001a 😀")).isEqualTo("'it\\'s a \\\\ \\\"q\\\"\\n\\r\\0\\Z 😀'");
        assertThat(literal("")).isEqualTo("''");
    }

    @Test
    void bytesAreHexLiterals() {
        assertThat(literal(new byte[]{0, (byte) 0xff, 0x1a, 'A'})).isEqualTo("X'00FF1A41'");
        assertThat(literal(new byte[0])).isEqualTo("X''");
    }

    @Test
    void numbersAreUnquotedAndExact() {
        assertThat(literal(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(literal(new BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
        assertThat(literal(new BigDecimal("1E+40"))).isEqualTo("10000000000000000000000000000000000000000");
        assertThat(literal(new BigDecimal("-0.000000000000000000000000000001")))
                .isEqualTo("-0.000000000000000000000000000001");
        assertThat(literal(Float.MAX_VALUE)).isEqualTo("3.4028234663852886E38");
        assertThat(Double.parseDouble(literal(0.1d))).isEqualTo(0.1d);
        assertThat(literal(true) + literal(false)).isEqualTo("10");
    }

    @Test
    void temporalValuesAreQuotedMariaDbLiterals() {
        assertThat(literal(LocalDateTime.of(2026, 11, 27, 1, 2, 3, 4_000))).isEqualTo("'2026-11-27 01:02:03.000004'");
        assertThat(literal(LocalDate.of(1000, 1, 1))).isEqualTo("'1000-01-01'");
        assertThat(literal(Duration.ofHours(-838).minusMinutes(59))).isEqualTo("'-838:59:00.000000'");
        assertThat(literal(null)).isEqualTo("NULL");
    }

    @Test
    void valuesMariaDbCannotHoldAreRefused() {
        assertThatThrownBy(() -> literal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> literal(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> literal(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Values type");
    }
}
