package io.concordbridge.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one config, in the order found, each shaped {@code key=value: reason} or,
 * when the value is absent, a container or a secret, {@code key: reason}. Not thread-safe.
 */
final class Problems {

    private final List<String> list = new ArrayList<>();

    static String path(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /** A problem of {@code path}; {@code shownValue} is null when the value must not or cannot be shown. */
    void add(String path, String shownValue, String reason) {
        if (shownValue == null) {
            list.add(path + ": " + reason);
        } else {
            list.add(path + "=" + (shownValue.isEmpty() ? "\"\"" : shownValue) + ": " + reason);
        }
    }

    void add(String path, String reason) {
        add(path, null, reason);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny(String source) {
        if (!list.isEmpty()) {
            throw new ConfigException(source, list);
        }
    }
}
