package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.time.Duration;

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
 * @param window        with {@link ResolveMode#LEADER_PRIORITY}: how much later, per place in the priority list, a
 *                      concurrent version of a lower-ranked leader must be written to win (see {@link #precedence})
 */
public record TablePolicy(TableId table, DetectMode detect, String versionColumn, ResolveMode resolve,
                          List<String> priority, Set<String> counters, Duration window) {

    /** The default priority window: a day per place in the list. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    public TablePolicy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(detect, "detect");
        Objects.requireNonNull(resolve, "resolve");
        priority = List.copyOf(priority == null ? List.of() : priority);
        counters = Collections.unmodifiableSet(new LinkedHashSet<>(counters == null ? Set.of() : counters));
        window = window == null ? DEFAULT_WINDOW : window;
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(table + ": the priority window must be positive, not " + window);
        }
        if (detect == DetectMode.VERSION_COLUMN && (versionColumn == null || versionColumn.isBlank())) {
            throw new IllegalArgumentException(table + ": detect " + detect.configName() + " needs a version column");
        }
    }

    /** A policy with the default priority window. */
    public TablePolicy(TableId table, DetectMode detect, String versionColumn, ResolveMode resolve,
                       List<String> priority, Set<String> counters) {
        this(table, detect, versionColumn, resolve, priority, counters, DEFAULT_WINDOW);
    }

    /** Detect by row, resolve by last writer wins, no counters. */
    public static TablePolicy defaults(TableId table) {
        return new TablePolicy(table, DetectMode.ROW, null, ResolveMode.LAST_WRITER_WINS, List.of(), Set.of());
    }

    public TablePolicy withDetect(DetectMode mode, String column) {
        return new TablePolicy(table, mode, column, resolve, priority, counters, window);
    }

    public TablePolicy withResolve(ResolveMode mode) {
        return new TablePolicy(table, detect, versionColumn, mode, priority, counters, window);
    }

    public TablePolicy withPriority(List<String> leaders) {
        return new TablePolicy(table, detect, versionColumn, resolve, leaders, counters, window);
    }

    public TablePolicy withCounters(Collection<String> columns) {
        return new TablePolicy(table, detect, versionColumn, resolve, priority, new LinkedHashSet<>(columns), window);
    }

    /** The leader's place in {@link #priority}, 0 best; unlisted (and unknown, null) leaders share the last place. */
    public int rank(String leader) {
        int i = leader == null ? -1 : priority.indexOf(leader);
        return i < 0 ? priority.size() : i;
    }

    public TablePolicy withWindow(Duration value) {
        return new TablePolicy(table, detect, versionColumn, resolve, priority, counters, value);
    }

    /**
     * The precedence of a version {@code leader} writes with stamp micros {@code micros} on top of
     * the version stamped {@code prior} (null: none known), for this table. With
     * {@link ResolveMode#LEADER_PRIORITY}: the micros raised by one {@link #window} per place the
     * leader stands above the last place of the list, and at least the prior version's precedence
     * plus one plus those places (so of two versions written on the same version within the window,
     * the higher-ranked leader's wins). Otherwise the micros.
     *
     * <p>Deciding by precedence (then stamp) is a total order every leader shares, and a version always
     * ranks above the one it was written on, so a later write of a lower-ranked leader supersedes a
     * version it has seen, and leaders converge whatever the order changes reach them in. Among
     * concurrent versions the higher-ranked leader's wins unless the other was written more than its
     * lead in windows later, or was itself written on top of a version of a leader that outranks
     * it (it then carries that precedence on).
     */
    public long precedence(String leader, long micros, Stamp prior) {
        if (!ranksByLineage()) {
            return micros;
        }
        long places = priority.size() - rank(leader);
        long own = Math.addExact(micros, Math.multiplyExact(places, window.toNanos() / 1_000));
        return prior == null ? own : Math.max(own, Math.addExact(prior.precedence(), 1 + places));
    }

    /**
     * Whether a version stamped {@code a} ranks above one stamped {@code b} in causal order: by
     * precedence where it depends on lineage (a version's precedence is above that of every version
     * it was written on), by stamp otherwise (every stamp is above those its clock observed). Not the
     * version column: an application's version follows causality only where it raises it on every write.
     */
    public boolean outranks(Stamp a, Stamp b) {
        return ranksByLineage() ? a.comparePrecedence(b) > 0 : a.compareTo(b) > 0;
    }

    /** Whether a version's precedence depends on the version it was written on (leader priority). */
    public boolean ranksByLineage() {
        return resolve == ResolveMode.LEADER_PRIORITY;
    }

    /** Whether columns are merged one by one (detect columns, or resolve column-merge): each keeps its own stamp. */
    public boolean mergesColumns() {
        return detect == DetectMode.COLUMNS || resolve == ResolveMode.COLUMN_MERGE;
    }

    /**
     * Whether a tombstone keeps the row it deleted: to merge per column after a revival, to order
     * the delete by the deleted row's version ({@link DetectMode#VERSION_COLUMN}), or to keep the
     * counters' sums, to which updates that lose to the delete still add.
     */
    public boolean keepsDeletedRow() {
        return mergesColumns() || detect == DetectMode.VERSION_COLUMN || !counters.isEmpty();
    }

    /**
     * Whether the capture reads the version a local write overwrote: for its precedence (leader
     * priority), its column stamps (per-column tables), or the row a re-insert's tombstone kept (counters).
     */
    public boolean readsPriorVersion() {
        return ranksByLineage() || mergesColumns() || !counters.isEmpty();
    }

    public boolean isCounter(String column) {
        return counters.contains(column);
    }
}
