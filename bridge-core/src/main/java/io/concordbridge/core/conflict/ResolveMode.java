package io.concordbridge.core.conflict;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a table's conflicts are resolved (the config's {@code tables[].resolve}). Counter columns
 * combine with every mode; see {@link Resolver}.
 */
public enum ResolveMode {
    /** The later stamp wins (with detect: version-column, the higher version value). */
    LAST_WRITER_WINS("last-writer-wins"),
    /** The version of the leader earlier in the table's priority list wins. */
    LEADER_PRIORITY("leader-priority"),
    /** Per column: the side that changed it, or the later stamp where both did. */
    COLUMN_MERGE("column-merge"),
    /** A provisional last-writer-wins winner; all versions stored for read-time resolution. */
    MANUAL("manual"),
    /** A Groovy handler decides (later); until then resolved like {@link #MANUAL}. */
    HANDLER("handler");

    private final String configName;

    ResolveMode(String configName) {
        this.configName = configName;
    }

    /** The name in the config file: {@code last-writer-wins}. */
    public String configName() {
        return configName;
    }

    /** The mode named {@code text} in the config; throws {@link IllegalArgumentException} with the valid names. */
    public static ResolveMode parse(String text) {
        for (ResolveMode m : values()) {
            if (m.configName.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(ResolveMode::configName).collect(Collectors.joining(", "));
    }
}
