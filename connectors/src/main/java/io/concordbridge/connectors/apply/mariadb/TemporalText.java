package io.concordbridge.connectors.apply.mariadb;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * MariaDB's text forms of DATE, DATETIME/TIMESTAMP and TIME, both ways. The bridge writes
 * temporal values as these literals rather than through the driver's java.time support, because
 * Connector/J takes MariaDB's "5.5.5-" version prefix for MySQL 5.5 and then drops fractional
 * seconds; and it reads them back through {@code CAST(... AS CHAR)} because the driver loses the
 * sign of a negative TIME in the binary protocol. Stateless.
 */
final class TemporalText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATETIME_IN = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private TemporalText() {
    }

    static String date(LocalDate value) {
        return DATE.format(value);
    }

    static String dateTime(LocalDateTime value) {
        return DATETIME_OUT.format(value);
    }

    /** {@code [-]H...H:MM:SS.ffffff}; hours may pass 24 (MariaDB's TIME spans ±838:59:59.999999). */
    static String time(Duration value) {
        Duration abs = value.abs();
        return String.format("%s%02d:%02d:%02d.%06d", value.isNegative() ? "-" : "", abs.toHours(),
                abs.toMinutesPart(), abs.toSecondsPart(), abs.toNanosPart() / 1000);
    }

    static Duration parseTime(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        if (parts.length != 3) {
            throw new DateTimeParseException("not a TIME value", text, 0);
        }
        String[] seconds = parts[2].split("\\.");
        long micros = 0;
        if (seconds.length > 1) {
            String fraction = (seconds[1] + "000000").substring(0, 6);
            micros = Long.parseLong(fraction);
        }
        Duration d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(seconds[0])).plusNanos(micros * 1000);
        return negative ? d.negated() : d;
    }

    /** A DATE value, or the text itself for what java.time cannot hold (zero dates). */
    static Object parseDate(String text) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** A DATETIME/TIMESTAMP value, or the text itself for what java.time cannot hold (zero dates). */
    static Object parseDateTime(String text) {
        try {
            return LocalDateTime.parse(text, DATETIME_IN);
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
