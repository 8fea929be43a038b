package io.concordbridge.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a Jackson tree in which every scalar is the text written in the file.
 *
 * <p>Why not {@code ObjectMapper.readTree}: it resolves YAML 1.1 scalars, so an unquoted password
 * {@code 0123} becomes the number 83, {@code yes} becomes {@code true}, and {@code .inf} fails
 * with a message that quotes it; it also keeps the last of two equal keys silently. Here typed
 * values are parsed by {@link ValueType}, equal keys are problems, and a syntax error reports
 * file, line and column without quoting the text (which may hold a password). Stateless.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlTree() {
    }

    /** The tree of {@code yaml} (an empty map for an empty text); duplicate keys and aliases go to {@code problems}. */
    static JsonNode read(String source, String yaml, Problems problems) {
        try (YAMLParser p = FACTORY.createParser(yaml)) {
            if (p.nextToken() == null) {
                return NODES.objectNode();
            }
            JsonNode root = value(p, "", problems);
            if (p.nextToken() != null) {
                problems.add(source, "holds more than one YAML document; put the whole config in one");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(syntaxError(source, e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode value(YAMLParser p, String path, Problems problems) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return object(p, path, problems);
        }
        if (t == JsonToken.START_ARRAY) {
            return array(p, path, problems);
        }
        if (p.isCurrentAlias()) {
            problems.add(path, "is a YAML alias (*name), which the config does not support; write the value out");
        }
        return t == JsonToken.VALUE_NULL ? NODES.nullNode() : NODES.textNode(p.getText());
    }

    private static ObjectNode object(YAMLParser p, String path, Problems problems) throws IOException {
        ObjectNode o = NODES.objectNode();
        Map<String, Integer> lines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            p.nextToken();
            String keyPath = Problems.path(path, key);
            JsonNode v = value(p, keyPath, problems);
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                problems.add(keyPath, "appears twice (lines " + first + " and " + line + "); keep one");
            } else {
                o.set(key, v);
            }
        }
        return o;
    }

    private static ArrayNode array(YAMLParser p, String path, Problems problems) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p, path + "[" + a.size() + "]", problems));
        }
        return a;
    }

    /** {@code file:line:column: invalid YAML: problem}, never quoting the text near the error. */
    static String syntaxError(String source, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark at = m.getProblemMark();
            StringBuilder s = new StringBuilder(source + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1)
                    + ": invalid YAML: " + m.getProblem());
            if (m.getContext() != null) {
                s.append(" (").append(m.getContext());
                Mark ctx = m.getContextMark();
                if (ctx != null) {
                    s.append(" at line ").append(ctx.getLine() + 1).append(", column ").append(ctx.getColumn() + 1);
                }
                s.append(')');
            }
            if (m.getProblem() != null && m.getProblem().endsWith("got {")) {
                s.append("; quote a value that starts with ${ or holds { } [ ] or a comma: \"${DC2_PASSWORD}\"");
            }
            return s.toString();
        }
        JsonLocation at = e.getLocation();
        return source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": invalid YAML";
    }
}
