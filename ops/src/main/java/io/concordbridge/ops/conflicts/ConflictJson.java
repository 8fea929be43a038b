package io.concordbridge.ops.conflicts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concordbridge.client.Choice;
import io.concordbridge.client.ConflictException;
import io.concordbridge.client.Resolved;
import io.concordbridge.client.Sibling;
import io.concordbridge.client.StoredConflict;
import io.concordbridge.core.model.RowJson;

import java.util.List;
import java.util.Map;

/**
 * Stored conflicts and resolutions as JSON, the same for the HTTP admin API and
 * {@code ./bridge conflicts --json}. Rows are in the meta schema's row JSON format
 * ({@link RowJson}: typed values such as {@code {"$decimal": "9.99"}}); a row given in a resolution
 * may also use plain JSON numbers with a fraction, read as decimals. Stateless.
 */
public final class ConflictJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConflictJson() {
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static ObjectNode conflict(StoredConflict c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("conflict_id", c.conflictId());
        o.put("table", c.table());
        o.put("row_key", c.rowKey());
        o.put("type", c.type());
        o.put("policy", c.policy());
        o.put("winner", c.winner());
        o.put("reason", c.reason());
        o.put("created_at", c.createdAt() == null ? null : c.createdAt().toString());
        o.set("base", row(c.base()));
        ArrayNode siblings = o.putArray("siblings");
        for (Sibling s : c.siblings()) {
            ObjectNode v = siblings.addObject();
            v.put("leader", s.leader());
            if (s.stamp() == null) {
                v.putNull("stamp");
            } else {
                v.putObject("stamp").put("micros", s.stamp().micros()).put("leader", s.stamp().leader());
            }
            v.set("row", row(s.row()));
        }
        return o;
    }

    /** A page: {@code {"leader", "conflicts": [...], "next": id | null}}; next is set when the page is full. */
    public static ObjectNode page(String leader, List<StoredConflict> page, int limit) {
        ObjectNode o = JSON.createObjectNode();
        o.put("leader", leader);
        ArrayNode all = o.putArray("conflicts");
        page.forEach(c -> all.add(conflict(c)));
        o.put("next", page.size() < limit ? null : page.get(page.size() - 1).conflictId());
        return o;
    }

    public static ObjectNode resolved(String leader, Resolved r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("leader", leader);
        o.put("table", r.table());
        o.put("row_key", r.rowKey());
        ArrayNode ids = o.putArray("closed");
        r.conflictIds().forEach(ids::add);
        o.set("row", row(r.row()));
        o.put("row_written", r.rowWritten());
        return o;
    }

    /**
     * The choice a resolution request states: exactly one of {@code {"take": "dc2"}},
     * {@code {"row": {...}}} or {@code {"delete": true}}.
     */
    public static Choice choice(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object with one of take, row or delete");
        }
        int given = (body.has("take") ? 1 : 0) + (body.has("row") ? 1 : 0) + (body.has("delete") ? 1 : 0);
        if (given != 1) {
            throw invalid("give exactly one of \"take\": \"LEADER\", \"row\": {...} or \"delete\": true");
        }
        if (body.has("take")) {
            if (!body.get("take").isTextual()) {
                throw invalid("take names a leader, as a string");
            }
            return Choice.take(body.get("take").asText());
        }
        if (body.has("delete")) {
            if (!body.get("delete").asBoolean(false)) {
                throw invalid("delete must be true");
            }
            return Choice.delete();
        }
        return Choice.row(row(body.get("row")));
    }

    /** A row from JSON: the row JSON format, plain numbers with a fraction read as decimals. */
    public static Map<String, Object> row(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("row must be a JSON object of column to value");
        }
        ObjectNode copy = node.deepCopy();
        copy.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber() && !e.getValue().isIntegralNumber()) {
                e.setValue(JSON.createObjectNode().put("$decimal", e.getValue().decimalValue().toPlainString()));
            } else if (e.getValue() instanceof DecimalNode d) {
                e.setValue(JSON.createObjectNode().put("$decimal", d.decimalValue().toPlainString()));
            }
        });
        try {
            return RowJson.readRow(copy);
        } catch (IllegalArgumentException e) {
            throw invalid("row: " + e.getMessage());
        }
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode row(Map<String, Object> row) {
        return row == null ? JSON.nullNode() : parse(RowJson.write(row));
    }

    private static ConflictException invalid(String message) {
        return new ConflictException(ConflictException.Reason.INVALID, message);
    }
}
