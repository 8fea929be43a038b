package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.model.TableId;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Turns one column value of a Debezium record into the Java type that
 * {@link io.concordbridge.core.model.Values} prescribes. Chosen once per column from the field's
 * schema (logical name, Connect type and the source column type Debezium propagates with
 * {@code column.propagate.source.type}); an unknown combination is refused when the table's first
 * record arrives, naming the table, column and schema. Stateless and thread-safe.
 */
@FunctionalInterface
interface ColumnConverter {

    String SOURCE_TYPE = "__debezium.source.column.type";

    /** Converts a non-null value. */
    Object convert(Object value);

    static ColumnConverter forField(String leader, TableId table, Field field) {
        Schema schema = field.schema();
        String logical = schema.name();
        ColumnConverter c = logical == null ? forPlainType(schema) : forLogicalType(schema, logical);
        if (c == null) {
            throw new CaptureException("leader " + leader + ": column " + table + "." + field.name()
                    + " has a type the bridge cannot replicate (source type " + sourceType(schema)
                    + ", Debezium schema " + schema.type() + (logical == null ? "" : " " + logical)
                    + "); remove the column, or remove " + table + " from the replicated tables");
        }
        return c;
    }

    private static ColumnConverter forPlainType(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> v -> ((Number) v).longValue();
            case FLOAT32 -> v -> ((Number) v).floatValue();
            case FLOAT64 -> v -> ((Number) v).doubleValue();
            case BOOLEAN -> v -> (Boolean) v;
            case STRING -> v -> (String) v;
            case BYTES -> ColumnConverter::bytes;
            default -> null;
        };
    }

    private static ColumnConverter forLogicalType(Schema schema, String logical) {
        return switch (logical) {
            case "org.apache.kafka.connect.data.Decimal" -> isBigintUnsigned(schema)
                    ? v -> ((BigDecimal) v).toBigIntegerExact()
                    : v -> (BigDecimal) v;
            case "io.debezium.time.Date" -> v -> LocalDate.ofEpochDay(((Number) v).longValue());
            case "io.debezium.time.Timestamp" -> v -> utc(((Number) v).longValue(), ChronoUnit.MILLIS);
            case "io.debezium.time.MicroTimestamp" -> v -> utc(((Number) v).longValue(), ChronoUnit.MICROS);
            case "io.debezium.time.NanoTimestamp" -> v -> utc(((Number) v).longValue(), ChronoUnit.NANOS);
            case "io.debezium.time.ZonedTimestamp" -> v -> OffsetDateTime.parse((String) v)
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case "io.debezium.time.Time" -> v -> Duration.ofMillis(((Number) v).longValue());
            case "io.debezium.time.MicroTime" -> v -> Duration.of(((Number) v).longValue(), ChronoUnit.MICROS);
            case "io.debezium.time.NanoTime" -> v -> Duration.ofNanos(((Number) v).longValue());
            case "io.debezium.time.Year" -> v -> ((Number) v).longValue();
            case "io.debezium.data.Bits" -> "1".equals(schema.parameters() == null ? null : schema.parameters().get("length"))
                    ? v -> bytes(v)[0] != 0
                    : v -> bigEndian(bytes(v));
            case "io.debezium.data.Json", "io.debezium.data.Enum", "io.debezium.data.EnumSet" -> v -> (String) v;
            default -> null;
        };
    }

    private static boolean isBigintUnsigned(Schema schema) {
        String type = sourceType(schema);
        return type.startsWith("BIGINT") && type.contains("UNSIGNED") || type.equals("SERIAL");
    }

    private static String sourceType(Schema schema) {
        String type = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
        return type == null ? "unknown" : type.toUpperCase(Locale.ROOT);
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) v).duplicate();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }

    /** Debezium sends BIT(n) values least significant byte first; the bridge carries them as MariaDB does. */
    static byte[] bigEndian(byte[] littleEndian) {
        byte[] b = new byte[littleEndian.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = littleEndian[b.length - 1 - i];
        }
        return b;
    }

    private static LocalDateTime utc(long amount, ChronoUnit unit) {
        long perSecond = 1_000_000_000L / unit.getDuration().toNanos();
        long seconds = Math.floorDiv(amount, perSecond);
        long nanos = Math.floorMod(amount, perSecond) * unit.getDuration().toNanos();
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }
}
