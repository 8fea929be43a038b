package io.concordbridge.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The type of a config value: its name in the reference, how it is read from the YAML tree, how
 * its default is shown, and whether its value is secret (never shown in messages). Immutable.
 *
 * <p>The tree holds every scalar as the text written in the file (see {@link YamlTree}), so an
 * integer is parsed here and a password such as {@code 0123} keeps its leading zero.
 *
 * @param name   the type's name in the reference
 * @param secret true when values must never appear in messages
 * @param parser reads a present, non-null node; throws {@link IllegalArgumentException} whose
 *               message is the reason, without the value
 * @param format how a default value is shown in the reference
 */
public record ValueType<T>(String name, boolean secret, Function<JsonNode, T> parser, Function<T, String> format) {

    public static final ValueType<String> STRING = scalar("string", false, s -> s);
    public static final ValueType<Integer> INT = scalar("integer", false, ValueType::parseInt);
    public static final ValueType<Path> PATH = scalar("path", false, ValueType::parsePath);
    /** A secret reference: a literal, {@code ${ENV_NAME}} or {@code file:PATH}; resolved by the loader. */
    public static final ValueType<String> SECRET = scalar("secret", true, s -> s);
    public static final ValueType<ObjectNode> MAP = new ValueType<>("map", false, ValueType::object, n -> "");
    public static final ValueType<ArrayNode> LIST = new ValueType<>("list", false, ValueType::array, n -> "");

    public ValueType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(format, "format");
    }

    /** A type read from one scalar's text. */
    public static <T> ValueType<T> scalar(String name, boolean secret, Function<String, T> fromText) {
        return new ValueType<>(name, secret, node -> fromText.apply(text(node)), String::valueOf);
    }

    public T parse(JsonNode node) {
        return parser.apply(node);
    }

    public String show(T value) {
        return value == null ? "" : format.apply(value);
    }

    private static String text(JsonNode node) {
        if (!node.isValueNode()) {
            throw new IllegalArgumentException("must be a single value, not a " + (node.isArray() ? "list" : "map"));
        }
        return node.asText();
    }

    private static ObjectNode object(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be a map of keys and values");
        }
        return (ObjectNode) node;
    }

    private static ArrayNode array(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("must be a list");
        }
        return (ArrayNode) node;
    }

    private static Integer parseInt(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("must be an integer");
        }
        BigInteger v = new BigInteger(t);
        if (v.bitLength() > 31) {
            throw new IllegalArgumentException("is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return v.intValueExact();
    }

    private static Path parsePath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid path: " + e.getReason());
        }
    }
}
