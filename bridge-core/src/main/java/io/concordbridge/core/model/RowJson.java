package io.concordbridge.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row images as JSON, the form the meta schema's conflict tables keep rows in: readable with plain
 * SQL ({@code JSON_VALUE(local_row, '$.email')}) and read back into exactly the same
 * {@link Values} types. Format v1: a JSON object of the columns in row order, each value
 * <ul>
 *   <li>{@code null}, a {@code String} as a JSON string, a {@code Long} as a JSON integer,
 *       a {@code Boolean} as {@code true}/{@code false};</li>
 *   <li>every other type as an object with one tagged member whose value is a string:
 *       {@code {"$decimal": "12.50"}} (BigDecimal, scale kept), {@code {"$bigint": "18446744073709551615"}}
 *       (BigInteger), {@code {"$float": "1.1"}}, {@code {"$double": "0.30000000000000004"}} (shortest
 *       exact text; {@code NaN} and {@code Infinity} as such), {@code {"$bytes": "AAEC"}} (base64),
 *       {@code {"$date": "2024-02-29"}}, {@code {"$datetime": "2024-02-29T12:34:56.123456"}} (ISO, no zone;
 *       TIMESTAMP columns in UTC), {@code {"$time": "PT-25H-0.000001S"}} (ISO-8601 duration, may be
 *       negative or past 24 hours).</li>
 * </ul>
 * A row that is absent (a delete) is JSON {@code null}. Stateless and thread-safe.
 */
public final class RowJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RowJson() {
    }

    /** The JSON text of a row, or {@code null} (no text) for a null row. */
    public static String write(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeRow(g, row);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    /** Writes a row (or JSON null) as the next value of {@code g}. */
    public static void writeRow(JsonGenerator g, Map<String, Object> row) throws IOException {
        if (row == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** The row of a JSON text (null for null or {@code "null"}); throws {@link IllegalArgumentException} if it is not format v1. */
    public static Map<String, Object> read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return readRow(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON row: " + e.getMessage(), e);
        }
    }

    /** The row of a JSON node (null for a JSON null). */
    public static Map<String, Object> readRow(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("a JSON row is an object, not " + node.getNodeType());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            try {
                row.put(f.getKey(), readValue(f.getValue()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column " + f.getKey() + ": " + e.getMessage(), e);
            }
        }
        return row;
    }

    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeStartObject();
            g.writeStringField(tag(v), text(v));
            g.writeEndObject();
        }
    }

    private static String tag(Object v) {
        if (v instanceof BigDecimal) {
            return "$decimal";
        } else if (v instanceof BigInteger) {
            return "$bigint";
        } else if (v instanceof Float) {
            return "$float";
        } else if (v instanceof Double) {
            return "$double";
        } else if (v instanceof byte[]) {
            return "$bytes";
        } else if (v instanceof LocalDateTime) {
            return "$datetime";
        } else if (v instanceof LocalDate) {
            return "$date";
        } else if (v instanceof Duration) {
            return "$time";
        }
        throw new IllegalArgumentException(v.getClass().getName() + " is not a Values type");
    }

    private static String text(Object v) {
        return v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString();
    }

    static Object readValue(JsonNode n) {
        JsonNodeType type = n.getNodeType();
        switch (type) {
            case NULL:
                return null;
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            case NUMBER:
                if (n.canConvertToLong() && n.isIntegralNumber()) {
                    return n.longValue();
                }
                throw new IllegalArgumentException("a plain JSON number must be an integer that fits a Long, not " + n);
            case OBJECT:
                if (n.size() != 1) {
                    throw new IllegalArgumentException("a tagged value has exactly one member, not " + n);
                }
                Map.Entry<String, JsonNode> tagged = n.fields().next();
                if (!tagged.getValue().isTextual()) {
                    throw new IllegalArgumentException("the value of " + tagged.getKey() + " is a string, not " + tagged.getValue());
                }
                return tagged(tagged.getKey(), tagged.getValue().textValue());
            default:
                throw new IllegalArgumentException("no column value is a JSON " + type);
        }
    }

    private static Object tagged(String tag, String text) {
        return switch (tag) {
            case "$decimal" -> new BigDecimal(text);
            case "$bigint" -> new BigInteger(text);
            case "$float" -> Float.parseFloat(text);
            case "$double" -> Double.parseDouble(text);
            case "$bytes" -> Base64.getDecoder().decode(text);
            case "$datetime" -> LocalDateTime.parse(text);
            case "$date" -> LocalDate.parse(text);
            case "$time" -> Duration.parse(text);
            default -> throw new IllegalArgumentException("unknown tag " + tag);
        };
    }
}
