package io.concordbridge.core.config;

import io.concordbridge.core.conflict.DetectMode;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.TableId;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One replicated table and how it is replicated: how its conflicts are detected and resolved.
 * Immutable.
 *
 * @param id            the table
 * @param detect        how conflicts are detected
 * @param versionColumn the application's version column with detect version-column; null otherwise
 * @param resolve       how conflicts are resolved
 * @param priority      leaders, best first, for leader-priority and handler (default: the leaders' order); empty
 *                      otherwise
 * @param counters      numeric columns merged by adding deltas
 * @param handler       the Groovy handler file with resolve handler; null otherwise
 * @param fallback      what decides when the handler fails: manual or last-writer-wins
 * @param window        with leader-priority: the priority window per place in the list
 */
public record TableConfig(TableId id, DetectMode detect, String versionColumn, ResolveMode resolve,
                          List<String> priority, Set<String> counters, String handler, ResolveMode fallback,
                          Duration window) {

    public TableConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detect, "detect");
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(fallback, "fallback");
        priority = List.copyOf(priority);
        counters = Collections.unmodifiableSet(new LinkedHashSet<>(counters));
        window = window == null ? TablePolicy.DEFAULT_WINDOW : window;
    }

    /** A table named without settings: detect row, resolve last-writer-wins. */
    public TableConfig(TableId id) {
        this(id, DetectMode.ROW, null, ResolveMode.LAST_WRITER_WINS, List.of(), Set.of(), null, ResolveMode.MANUAL,
                TablePolicy.DEFAULT_WINDOW);
    }

    /** The detection and resolution settings the conflict code works from. */
    public TablePolicy policy() {
        return new TablePolicy(id, detect, versionColumn, resolve, priority, counters, window);
    }
}
