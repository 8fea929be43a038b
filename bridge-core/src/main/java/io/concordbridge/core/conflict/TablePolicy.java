package io.concordbridge.core.conflict;

import io.concordbridge.core.model.TableId;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one table's conflicts are detected and resolved, as the config states it. Immutable.
 *
 * @param table         the table
 * @param detect        how conflicts are detected
 * @param versionColumn the application's version column; required with {@link DetectMode#VERSION_COLUMN}, else
 *                      unused (may be null)
 * @param resolve       how conflicts are resolved
 * @param priority      leader names, best first, for {@link ResolveMode#LEADER_PRIORITY}; leaders not listed
 *                      rank after all listed ones
 * @param counters      numeric columns merged by adding both sides' deltas, with any resolve mode
 */
public record TablePolicy(TableId table, DetectMode detect, String versionColumn, ResolveMode resolve,
                          List<String> priority, Set<String> counters) {

    public TablePolicy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(detect, "detect");
        Objects.requireNonNull(resolve, "resolve");
        priority = List.copyOf(priority == null ? List.of() : priority);
        counters = Collections.unmodifiableSet(new LinkedHashSet<>(counters == null ? Set.of() : counters));
        if (detect == DetectMode.VERSION_COLUMN && (versionColumn == null || versionColumn.isBlank())) {
            throw new IllegalArgumentException(table + ": detect " + detect.configName() + " needs a version column");
        }
    }

    /** Detect by row, resolve by last writer wins, no counters. */
    public static TablePolicy defaults(TableId table) {
        return new TablePolicy(table, DetectMode.ROW, null, ResolveMode.LAST_WRITER_WINS, List.of(), Set.of());
    }

    public TablePolicy withDetect(DetectMode mode, String column) {
        return new TablePolicy(table, mode, column, resolve, priority, counters);
    }

    public TablePolicy withResolve(ResolveMode mode) {
        return new TablePolicy(table, detect, versionColumn, mode, priority, counters);
    }

    public TablePolicy withPriority(List<String> leaders) {
        return new TablePolicy(table, detect, versionColumn, resolve, leaders, counters);
    }

    public TablePolicy withCounters(Collection<String> columns) {
        return new TablePolicy(table, detect, versionColumn, resolve, priority, new LinkedHashSet<>(columns));
    }

    /** The leader's place in {@link #priority}, 0 best; unlisted (and unknown, null) leaders share the last place. */
    public int rank(String leader) {
        int i = leader == null ? -1 : priority.indexOf(leader);
        return i < 0 ? priority.size() : i;
    }

    public boolean isCounter(String column) {
        return counters.contains(column);
    }
}
