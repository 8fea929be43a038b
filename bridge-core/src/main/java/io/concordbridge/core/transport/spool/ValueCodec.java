package io.concordbridge.core.transport.spool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Encodes one column value, exactly, as a type tag byte and a payload, for every type that
 * {@link io.concordbridge.core.model.Values} allows. Exact means: {@link BigDecimal} keeps scale and
 * unscaled value, floats and doubles keep their raw bits (NaN payloads, -0.0), times keep nanos,
 * durations keep sign and days. Strings are stored as UTF-8, so they must be well-formed UTF-16
 * (as every string read from a database is). Stateless and thread-safe.
 */
final class ValueCodec {

    static final int NULL = 0;
    static final int LONG = 1;
    static final int BIG_INTEGER = 2;
    static final int BIG_DECIMAL = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int TRUE = 6;
    static final int FALSE = 7;
    static final int BYTES = 8;
    static final int STRING = 9;
    static final int DATE = 10;
    static final int DATE_TIME = 11;
    static final int DURATION = 12;

    private ValueCodec() {
    }

    /** Throws {@link IllegalArgumentException} naming the class of a value of no supported type. */
    static void write(SpoolOutput out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Long v) {
            out.writeByte(LONG);
            out.writeZigZag(v);
        } else if (value instanceof String v) {
            out.writeByte(STRING);
            out.writeString(v);
        } else if (value instanceof BigDecimal v) {
            out.writeByte(BIG_DECIMAL);
            out.writeZigZag(v.scale());
            out.writeBytes(v.unscaledValue().toByteArray());
        } else if (value instanceof BigInteger v) {
            out.writeByte(BIG_INTEGER);
            out.writeBytes(v.toByteArray());
        } else if (value instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeFixedLong(Double.doubleToRawLongBits(v));
        } else if (value instanceof Float v) {
            out.writeByte(FLOAT);
            out.writeFixedInt(Float.floatToRawIntBits(v));
        } else if (value instanceof Boolean v) {
            out.writeByte(v ? TRUE : FALSE);
        } else if (value instanceof byte[] v) {
            out.writeByte(BYTES);
            out.writeBytes(v);
        } else if (value instanceof LocalDateTime v) {
            out.writeByte(DATE_TIME);
            out.writeZigZag(v.toLocalDate().toEpochDay());
            out.writeVarLong(v.toLocalTime().toNanoOfDay());
        } else if (value instanceof LocalDate v) {
            out.writeByte(DATE);
            out.writeZigZag(v.toEpochDay());
        } else if (value instanceof Duration v) {
            out.writeByte(DURATION);
            out.writeZigZag(v.getSeconds());
            out.writeVarLong(v.getNano());
        } else {
            throw new IllegalArgumentException("cannot encode a column value of type " + value.getClass().getName()
                    + ": supported are null, Long, BigInteger, BigDecimal, Float, Double, Boolean, byte[], String,"
                    + " LocalDate, LocalDateTime, Duration (see io.concordbridge.core.model.Values)");
        }
    }

    static Object read(SpoolInput in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readZigZag();
            case BIG_INTEGER -> new BigInteger(in.readBytes());
            case BIG_DECIMAL -> {
                int scale = Math.toIntExact(in.readZigZag());
                yield new BigDecimal(new BigInteger(in.readBytes()), scale);
            }
            case FLOAT -> Float.intBitsToFloat(in.readFixedInt());
            case DOUBLE -> Double.longBitsToDouble(in.readFixedLong());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BYTES -> in.readBytes();
            case STRING -> in.readString();
            case DATE -> LocalDate.ofEpochDay(in.readZigZag());
            case DATE_TIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.readZigZag()),
                    java.time.LocalTime.ofNanoOfDay(in.readVarLong()));
            case DURATION -> Duration.ofSeconds(in.readZigZag(), in.readVarLong());
            default -> throw new IllegalStateException("unknown value type tag " + tag);
        };
    }
}
