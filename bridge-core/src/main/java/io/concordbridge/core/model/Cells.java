package io.concordbridge.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per column of a row, the stamp of the write that last set it, for tables that merge per column
 * (detect {@code columns}, resolve {@code column-merge}): each column is then a last-writer-wins
 * register of its own, and a change carries the stamps of every column of the row it leaves, so
 * any leader can merge it with what it holds, column by column, in any order. A column without a
 * stamp (a value from before the bridge) is older than every stamp. Immutable.
 *
 * @param stamps column name to stamp (null: none known)
 */
public record Cells(Map<String, Stamp> stamps) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Cells {
        stamps = Collections.unmodifiableMap(new LinkedHashMap<>(stamps));
    }

    /** Every one of these columns set by the write stamped {@code s}. */
    public static Cells all(Collection<String> columns, Stamp s) {
        Map<String, Stamp> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c, s));
        return new Cells(m);
    }

    /** The stamp of a column; null when none is known. */
    public Stamp of(String column) {
        return stamps.get(column);
    }

    /**
     * The cells a local write leaves: an insert (or an update that moves the key) sets every column;
     * an update the columns whose value it changed, the others keeping {@code prior}'s stamps (none
     * known without one); a delete leaves the deleted row's cells as they were.
     */
    public static Cells written(Change c, Cells prior) {
        Objects.requireNonNull(c.stamp(), "a stamped change");
        return switch (c.op()) {
            case INSERT -> all(c.after().keySet(), c.stamp());
            case DELETE -> prior != null ? prior : new Cells(Map.of());
            case UPDATE -> {
                Map<String, Stamp> m = new LinkedHashMap<>();
                boolean moved = !java.util.Arrays.equals(RowKeyBytes.of(c.key()), RowKeyBytes.of(c.beforeKey()));
                for (String col : c.after().keySet()) {
                    boolean changed = moved || !c.before().containsKey(col)
                            || !Values.same(c.before().get(col), c.after().get(col));
                    m.put(col, changed ? c.stamp() : prior == null ? null : prior.of(col));
                }
                yield new Cells(m);
            }
        };
    }

    /**
     * JSON for the meta schema: {@code {"col": [micros, "leader"], "other": null}}, with the
     * precedence as a third element where it differs from the micros.
     */
    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        stamps.forEach((col, s) -> {
            if (s == null) {
                o.putNull(col);
            } else {
                ArrayNode a = o.putArray(col);
                a.add(s.micros());
                a.add(s.leader());
                if (s.precedence() != s.micros()) {
                    a.add(s.precedence());
                }
            }
        });
        return o.toString();
    }

    /** Reads {@link #toJson}; null for null. */
    public static Cells fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            if (!n.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            Map<String, Stamp> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                m.put(e.getKey(), v.isNull() ? null : new Stamp(v.get(0).asLong(), v.get(1).asText(),
                        v.size() > 2 ? v.get(2).asLong() : v.get(0).asLong()));
            }
            return new Cells(m);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("not column stamps: " + json, e);
        }
    }
}
