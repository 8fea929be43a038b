package io.concordbridge.ops.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.conflict.UniqueClash;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.Map;

/**
 * A conflict written as JSON, for {@code bridge handlers test}:
 * <pre>
 * {"type": "update_differing", "table": "shop.orders", "key": [7],
 *  "base": {...row...},                      (null or absent for an insert)
 *  "local":  {"leader": "dc1", "stamp": 1718000000000100, "row": {...}},   (row null: deleted)
 *  "remote": {"leader": "dc2", "stamp": 1718000000000200, "row": {...}},
 *  "unique": {"index": "uk_email", "key": [42]}}  (unique_violation only)
 * </pre>
 * Rows and key values are in the meta schema's row JSON ({@link RowJson}): strings, integers, booleans,
 * null, and tagged values such as {@code {"$decimal": "9.99"}}. Stateless.
 */
public final class ConflictFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConflictFile() {
    }

    /** The conflict in {@code json}; throws {@link IllegalArgumentException} naming the field that is wrong. */
    public static Conflict read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a conflict is a JSON object");
        }
        ConflictType type = field(root, "type", n -> ConflictType.fromStorage(n.asText()));
        TableId table = field(root, "table", n -> TableId.parse(n.asText()));
        RowKey key = field(root, "key", n -> key(table, n));
        Map<String, Object> base = RowJson.readRow(root.get("base"));
        Version local = field(root, "local", ConflictFile::version);
        Version remote = field(root, "remote", ConflictFile::version);
        UniqueClash unique = root.hasNonNull("unique") ? field(root, "unique",
                n -> new UniqueClash(field(n, "index", JsonNode::asText), field(n, "key", k -> key(table, k)))) : null;
        return new Conflict(type, table, key, base, local, remote, unique);
    }

    private static Version version(JsonNode n) {
        String leader = field(n, "leader", JsonNode::asText);
        long micros = field(n, "stamp", s -> {
            if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                throw new IllegalArgumentException("a stamp is an integer of microseconds, not " + s);
            }
            return s.longValue();
        });
        return new Version(leader, new Stamp(micros, leader), RowJson.readRow(n.get("row")));
    }

    private static RowKey key(TableId table, JsonNode n) {
        if (!n.isArray() || n.isEmpty()) {
            throw new IllegalArgumentException("a key is a non-empty array of the key's values, not " + n);
        }
        ObjectNode columns = MAPPER.createObjectNode();
        for (int i = 0; i < n.size(); i++) {
            columns.set("k" + i, n.get(i));
        }
        return new RowKey(table, new ArrayList<>(RowJson.readRow(columns).values()));
    }

    private interface Reader<T> {
        T read(JsonNode node);
    }

    private static <T> T field(JsonNode parent, String name, Reader<T> reader) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        try {
            return reader.read(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "': " + e.getMessage(), e);
        }
    }
}
