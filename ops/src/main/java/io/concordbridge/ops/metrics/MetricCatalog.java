package io.concordbridge.ops.metrics;

import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a registry exposes, metric by metric: name, type, labels, help and the series names that
 * appear in the text format ({@code _total}, {@code _bucket}...). Built from a real registry, so
 * the docs and the checks of dashboards and alert rules follow the code. Immutable.
 */
public record MetricCatalog(List<Entry> entries) {

    /** One metric as exposed. */
    public record Entry(String name, String type, List<String> labels, String help, List<String> series) {
    }

    public MetricCatalog {
        entries = List.copyOf(entries);
    }

    /** Every metric {@code registry} holds now. */
    public static MetricCatalog of(PrometheusRegistry registry) {
        List<Entry> entries = new ArrayList<>();
        for (MetricSnapshot s : registry.scrape()) {
            String base = s.getMetadata().getPrometheusName();
            entries.add(new Entry(name(s, base), type(s), labels(s), s.getMetadata().getHelp(), series(s, base)));
        }
        return new MetricCatalog(entries);
    }

    /**
     * The metrics a bridge of two leaders registers, with every state reported once so each
     * metric has a series; {@code jvm} adds client_java's JVM and process metrics.
     */
    public static MetricCatalog reference(boolean jvm) {
        Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
        PipelineStats stats = new PipelineStats();
        List<String> leaders = List.of("dc1", "dc2");
        for (String l : leaders) {
            stats.captureState(l, LeaderState.RUNNING, null);
            stats.applyState(l, LeaderState.RUNNING, null);
            stats.capturePosition(l, "binlog.000001:4", clock.millis());
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        if (jvm) {
            BridgeMetrics.registerAll(registry, stats, leaders, clock);
        } else {
            BridgeMetrics.register(registry, stats, leaders, clock);
        }
        ConflictMetrics conflicts = new ConflictMetrics(leaders, List.of("shop.orders"));
        conflicts.register(registry);
        conflicts.seed("dc1", List.<Object[]>of(new Object[]{"shop.orders", "update_differing", "took_remote", 1L}));
        conflicts.handled("dc1", "shop.orders", new io.concordbridge.core.conflict.HandlerVerdict(
                io.concordbridge.core.conflict.HandlerVerdict.Kind.MERGED, java.util.Map.of("id", 1L), "", "x.groovy@1"), 5);
        new io.concordbridge.ops.conflicts.ConflictNotifier(
                new io.concordbridge.core.config.NotifyConfig("http://127.0.0.1:1/", false), leaders).register(registry);
        return of(registry);
    }

    /** Every series name, as a dashboard or an alert rule would write it. */
    public Set<String> seriesNames() {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.addAll(e.series()));
        return names;
    }

    private static String name(MetricSnapshot s, String base) {
        return s instanceof CounterSnapshot ? base + "_total" : s instanceof InfoSnapshot ? base + "_info" : base;
    }

    private static String type(MetricSnapshot s) {
        if (s instanceof CounterSnapshot) {
            return "counter";
        } else if (s instanceof GaugeSnapshot) {
            return "gauge";
        } else if (s instanceof HistogramSnapshot) {
            return "histogram";
        } else if (s instanceof SummarySnapshot) {
            return "summary";
        } else if (s instanceof InfoSnapshot) {
            return "info";
        } else if (s instanceof StateSetSnapshot) {
            return "stateset";
        }
        return "unknown";
    }

    private static List<String> series(MetricSnapshot s, String base) {
        if (s instanceof HistogramSnapshot) {
            return List.of(base + "_bucket", base + "_sum", base + "_count");
        } else if (s instanceof SummarySnapshot) {
            return List.of(base, base + "_sum", base + "_count");
        }
        return List.of(name(s, base));
    }

    private static List<String> labels(MetricSnapshot s) {
        Set<String> names = new LinkedHashSet<>();
        s.getDataPoints().forEach(p -> {
            Labels labels = p.getLabels();
            for (int i = 0; i < labels.size(); i++) {
                names.add(labels.getName(i));
            }
        });
        return List.copyOf(names);
    }
}
