package io.concordbridge.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One config key, declared once: its name, type, default, validation and description. The loader
 * reads values through it and the reference is generated from it, so they cannot disagree.
 * Immutable.
 *
 * <p>A name is the key's path in the file, dot-separated; {@code <name>} stands for a map key
 * chosen by the user ({@code leaders.<name>.port}) and {@code []} for any entry of a list
 * ({@code tables[].name}).
 *
 * @param name         the key's path
 * @param type         its type
 * @param defaultValue the value when the key is absent; null for a required key
 * @param required     whether an absent key is an error
 * @param check        the validation of a present value
 * @param description  what the key means, for the reference
 */
public record ConfigKey<T>(String name, ValueType<T> type, T defaultValue, boolean required, Check<T> check,
                           String description) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(description, "description");
        if (required == (defaultValue != null)) {
            throw new IllegalArgumentException(name + ": a key has a default or is required, not both or neither");
        }
    }

    public static <T> ConfigKey<T> required(String name, ValueType<T> type, Check<T> check, String description) {
        return new ConfigKey<>(name, type, null, true, check, description);
    }

    public static <T> ConfigKey<T> optional(String name, ValueType<T> type, T defaultValue, Check<T> check,
                                            String description) {
        return new ConfigKey<>(name, type, defaultValue, false, check, description);
    }

    /** The last segment of the name: the key as written in its map. */
    public String leaf() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The name of the map that holds this key; empty at the top level. */
    public String parent() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** The default as shown in the reference. */
    public String defaultText() {
        return required ? "required" : type.show(defaultValue);
    }

    /**
     * Reads this key from {@code map} (which may be null); {@code mapPath} is the map's concrete path
     * ({@code leaders.dc2}). Returns the default when absent, or null after adding a problem.
     */
    T read(JsonNode map, String mapPath, Problems problems) {
        JsonNode node = map == null ? null : map.get(leaf());
        return readValue(node, Problems.path(mapPath, leaf()), problems);
    }

    /** Reads {@code node} as this key's value at {@code path}; null after adding a problem. */
    T readValue(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(path, "is required");
            }
            return defaultValue;
        }
        String shown = type.secret() || !node.isValueNode() ? null : node.asText();
        T value;
        try {
            value = type.parse(node);
        } catch (IllegalArgumentException e) {
            problems.add(path, shown, e.getMessage());
            return null;
        }
        return validate(value, path, shown, problems) ? value : null;
    }

    /** Applies the check; adds a problem and returns false when {@code value} breaks it. */
    boolean validate(T value, String path, String shown, Problems problems) {
        return check.problem(value).map(reason -> {
            problems.add(path, type.secret() ? null : shown, reason);
            return false;
        }).orElse(true);
    }
}
