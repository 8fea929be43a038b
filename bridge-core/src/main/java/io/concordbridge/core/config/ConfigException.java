package io.concordbridge.core.config;

import java.util.List;

/**
 * A config that cannot be used; carries every problem found, each naming its key
 * ({@code leaders.dc2.port=0: must be 1..65535}). Messages never contain secret values.
 */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Problems of the config read from {@code source} (a file name). */
    public ConfigException(String source, List<String> problems) {
        super(header(source, problems.size()) + "\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String header(String source, int count) {
        return "invalid config " + source + " (" + count + (count == 1 ? " problem):" : " problems):");
    }
}
