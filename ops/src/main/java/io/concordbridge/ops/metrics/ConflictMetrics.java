package io.concordbridge.ops.metrics;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conflicts by leader and table: how each was decided, what handlers answered, resolutions
 * applied, and how many are open (a gauge set by {@link #open}, which a poller of the leaders' meta
 * schemas calls). Labels are bounded: configured leaders and tables, conflict types, outcomes.
 * Thread-safe.
 */
public final class ConflictMetrics implements ConflictObserver {

    private final Counter conflicts;
    private final Counter verdicts;
    private final Counter resolutions;
    private final Histogram handlerSeconds;
    private final Map<String, Map<String, Long>> open = new ConcurrentHashMap<>();
    private final List<String> leaders;
    private final List<String> tables;

    public ConflictMetrics(List<String> leaders, List<String> tables) {
        this.leaders = List.copyOf(leaders);
        this.tables = List.copyOf(tables);
        conflicts = Counter.builder()
                .name("concord_conflicts_total")
                .help("Conflicts met while applying, by the leader that met them, table, type (update_differing, ...) "
                        + "and outcome: kept_local, took_remote, merged, deleted, or stored (kept for read-time "
                        + "resolution or a handler, with a provisional winner). Every leader that meets a conflict "
                        + "counts it.")
                .labelNames("leader", "table", "type", "outcome")
                .build();
        verdicts = Counter.builder()
                .name("concord_handler_verdicts_total")
                .help("Answers of Groovy conflict handlers at the leader designated to run them, by kind: keep_local, "
                        + "take_remote, merged, delete, defer, timed_out (ran past handlers.timeout-ms), failed (threw, broke the sandbox, "
                        + "returned no decision).")
                .labelNames("leader", "table", "kind")
                .build();
        resolutions = Counter.builder()
                .name("concord_resolutions_applied_total")
                .help("Resolutions of stored conflicts that arrived from another leader and closed the conflict here.")
                .labelNames("leader", "table")
                .build();
        handlerSeconds = Histogram.builder()
                .name("concord_handler_duration_seconds")
                .help("Time from handing a conflict to its Groovy handler to its answer, queueing in the pool "
                        + "included, at the leader designated to run it; a timeout answers after handlers.timeout-ms.")
                .labelNames("leader", "table")
                .classicOnly()
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                        2.5, 5)
                .withoutExemplars()
                .build();
        for (String l : leaders) {
            for (String t : tables) {
                resolutions.initLabelValues(l, t);
                handlerSeconds.initLabelValues(l, t);
            }
        }
    }

    public void register(PrometheusRegistry registry) {
        registry.register(conflicts);
        registry.register(verdicts);
        registry.register(resolutions);
        registry.register(handlerSeconds);
        GaugeWithCallback.builder()
                .name("concord_conflicts_open")
                .help("Conflicts stored for read-time resolution and not resolved yet, per leader and table (read "
                        + "from each leader's meta schema every few seconds).")
                .labelNames("leader", "table")
                .callback(cb -> leaders.forEach(l -> tables.forEach(t ->
                        cb.call(open.getOrDefault(l, Map.of()).getOrDefault(t, 0L), l, t))))
                .register(registry);
    }

    /** The open conflicts of {@code leader} by table, as just read. */
    public void open(String leader, Map<String, Long> byTable) {
        open.put(leader, Map.copyOf(byTable));
    }

    /** Adds what {@code leader} recorded before this process started: {@code {table, type, outcome, count}} rows. */
    public void seed(String leader, List<Object[]> counts) {
        for (Object[] r : counts) {
            conflicts.labelValues(leader, (String) r[0], (String) r[1], (String) r[2]).inc(((Number) r[3]).doubleValue());
        }
    }

    @Override
    public void decided(String leader, Conflict conflict, Decision decision) {
        conflicts.labelValues(leader, conflict.table().toString(), conflict.type().storageName(), outcome(decision))
                .inc();
    }

    @Override
    public void handled(String leader, String table, HandlerVerdict verdict, long micros) {
        verdicts.labelValues(leader, table, kind(verdict)).inc();
        handlerSeconds.labelValues(leader, table).observe(micros / 1e6);
    }

    @Override
    public void resolved(String leader, String table) {
        resolutions.labelValues(leader, table).inc();
    }

    /** The verdict's kind, a timeout told apart from other failures. */
    static String kind(HandlerVerdict v) {
        if (v.kind() == HandlerVerdict.Kind.FAILED && v.reason().startsWith("timed out")) {
            return "timed_out";
        }
        return v.kind().name().toLowerCase(Locale.ROOT);
    }

    static String outcome(Decision d) {
        if (d.store()) {
            return "stored";
        }
        return switch (d.outcome()) {
            case KEEP_LOCAL -> "kept_local";
            case TAKE_REMOTE -> "took_remote";
            case MERGED -> "merged";
            case DELETE -> "deleted";
        };
    }
}
