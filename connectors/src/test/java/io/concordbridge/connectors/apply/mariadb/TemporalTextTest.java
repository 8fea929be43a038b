package io.concordbridge.connectors.apply.mariadb;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalTextTest {

    @ParameterizedTest
    @CsvSource({
            "PT838H59M59S, 838:59:59.000000",
            "-PT838H59M59S, -838:59:59.000000",
            "-PT0.000001S, -00:00:00.000001",
            "PT25H0.5S, 25:00:00.500000",
            "PT0S, 00:00:00.000000"})
    void timeLiteralsRoundTrip(String iso, String literal) {
        Duration d = Duration.parse(iso);
        assertThat(TemporalText.time(d)).isEqualTo(literal);
        assertThat(TemporalText.parseTime(literal)).isEqualTo(d);
    }

    @Test
    void parsesWhatCastAsCharPrints() {
        assertThat(TemporalText.parseTime("-01:00:00")).isEqualTo(Duration.ofHours(-1));
        assertThat(TemporalText.parseTime("12:00:00.12")).isEqualTo(Duration.ofHours(12).plusMillis(120));
        assertThat(TemporalText.parseDateTime("2024-02-29 12:34:56.123456"))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000));
        assertThat(TemporalText.parseDateTime("2024-02-29 12:34:56")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56));
        assertThat(TemporalText.parseDate("1000-01-01")).isEqualTo(LocalDate.of(1000, 1, 1));
        assertThat(TemporalText.parseDate("0000-00-00")).as("zero dates stay text").isEqualTo("0000-00-00");
        assertThat(TemporalText.parseDateTime("0000-00-00 00:00:00")).isEqualTo("0000-00-00 00:00:00");
    }

    @Test
    void writesDateTimesWithMicroseconds() {
        assertThat(TemporalText.dateTime(LocalDateTime.of(2024, 1, 2, 3, 4))).isEqualTo("2024-01-02 03:04:00.000000");
        assertThat(TemporalText.date(LocalDate.of(999, 1, 2))).isEqualTo("0999-01-02");
    }
}
