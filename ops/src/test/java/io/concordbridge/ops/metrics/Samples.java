package io.concordbridge.ops.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The samples of a Prometheus text-format scrape, found by name and exact label set. Immutable. */
public final class Samples {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Map<String, Double> byKey;
    private final String text;

    private Samples(Map<String, Double> byKey, String text) {
        this.byKey = byKey;
        this.text = text;
    }

    public static Samples parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(3)));
        }
        return new Samples(samples, text);
    }

    /** The value of the sample {@code name} whose labels are exactly {@code labels} (name, value, name, value...). */
    public Optional<Double> find(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return Optional.ofNullable(byKey.get(key(name, map)));
    }

    public double value(String name, String... labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " "
                + String.join(",", labels) + " in:\n" + text));
    }

    /** The names of all samples. */
    public Set<String> names() {
        return byKey.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).collect(Collectors.toSet());
    }

    public String text() {
        return text;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
