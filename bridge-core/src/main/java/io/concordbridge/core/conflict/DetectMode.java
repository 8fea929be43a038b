package io.concordbridge.core.conflict;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a table's conflicts are detected (the config's {@code tables[].detect}). */
public enum DetectMode {
    /** The whole current row against the change's before image. */
    ROW("row"),
    /** Only the columns the change modified: edits of different columns of one row merge. */
    COLUMNS("columns"),
    /** The application's monotonically increasing version column, current value against the before image's. */
    VERSION_COLUMN("version-column");

    private final String configName;

    DetectMode(String configName) {
        this.configName = configName;
    }

    /** The name in the config file: {@code version-column}. */
    public String configName() {
        return configName;
    }

    /** The mode named {@code text} in the config; throws {@link IllegalArgumentException} with the valid names. */
    public static DetectMode parse(String text) {
        for (DetectMode m : values()) {
            if (m.configName.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(DetectMode::configName).collect(Collectors.joining(", "));
    }
}
