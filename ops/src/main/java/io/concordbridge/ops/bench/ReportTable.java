package io.concordbridge.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The bench's final table and the lines that say what it ran on and how each figure was measured. Stateless. */
final class ReportTable {

    private static final int VALUE_WIDTH = 15;
    private static final int RATIO_WIDTH = 16;
    private static final String SKIPPED = "skipped";
    private static final String HUB_ONLY = "-";

    private ReportTable() {
    }

    /**
     * The table: a column per replication (hub, sidecar, native; "skipped" where left out) and the
     * ratios of hub and sidecar to native, then the lines on what it ran on.
     */
    static String render(BenchReport r) {
        List<String[]> rows = new ArrayList<>();
        int n = r.options().rows();
        rows.add(new String[]{"workload", "hub", "sidecar", "native", "hub/native", "sidecar/native"});
        boolean w1 = r.hub().w1() != null;
        if (w1) {
            rows.add(row(new SingleRowUpdates().title(n), r, BenchReport.Figures::w1, ReportTable::rate,
                    ThroughputResult::rowsPerSecond));
        }
        ConflictResult w3 = r.hub().w3();
        if (w3 != null) {
            rows.add(new String[]{ConflictRun.title(n), String.format("%,.0f rows/s", w3.rowsPerSecond()), HUB_ONLY,
                    HUB_ONLY, "", ""});
            rows.add(new String[]{"W3 conflicts/s", String.format("%,.0f", w3.conflictsPerSecond()), "", "", "", ""});
        }
        rows.add(row(new BatchedInserts(BenchOptions.W2_TX_ROWS).title(n), r, BenchReport.Figures::w2, ReportTable::rate,
                ThroughputResult::rowsPerSecond));
        if (r.hub().lag() != null) {
            rows.add(lagRow(String.format("lag p50 @%,d w/s per leader", r.options().lagRate()), r, LagResult.Figures::p50Micros));
            rows.add(lagRow("lag p99", r, LagResult.Figures::p99Micros));
            rows.add(lagRow("lag max", r, LagResult.Figures::maxMicros));
        }
        if (w1) {
            rows.add(row("W1 CPU per row, all processes", r, BenchReport.Figures::w1, ReportTable::micros,
                    ThroughputResult::cpuMicrosPerRow));
        }
        rows.add(row("W2 CPU per row, all processes", r, BenchReport.Figures::w2, ReportTable::micros,
                ThroughputResult::cpuMicrosPerRow));
        int labelWidth = rows.stream().mapToInt(x -> x[0].length()).max().orElse(10) + 2;
        String format = "%-" + labelWidth + "s" + ("%" + VALUE_WIDTH + "s").repeat(3) + ("%" + RATIO_WIDTH + "s").repeat(2);
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format(format, (Object[]) row).stripTrailing()).append('\n');
        }
        sb.append('\n');
        context(r).forEach(line -> sb.append(line).append('\n'));
        return sb.toString();
    }

    /** A throughput or CPU row: a figure per replication and each bridge mode's figure over native's. */
    private static String[] row(String label, BenchReport r, Function<BenchReport.Figures, ThroughputResult> workload,
                                Function<ThroughputResult, String> shown, ToDoubleFunction<ThroughputResult> value) {
        ThroughputResult hub = workload.apply(r.hub());
        ThroughputResult sidecar = r.sidecar() == null ? null : workload.apply(r.sidecar());
        ThroughputResult nat = r.nat() == null ? null : workload.apply(r.nat());
        return new String[]{label, shown.apply(hub), sidecar == null ? SKIPPED : shown.apply(sidecar),
                nat == null ? SKIPPED : shown.apply(nat), ratio(hub, nat, value), ratio(sidecar, nat, value)};
    }

    private static String ratio(ThroughputResult x, ThroughputResult nat, ToDoubleFunction<ThroughputResult> value) {
        return x == null || nat == null ? "" : String.format("%.2fx", value.applyAsDouble(x) / value.applyAsDouble(nat));
    }

    private static String micros(ThroughputResult r) {
        return String.format("%,.0f us", r.cpuMicrosPerRow());
    }

    /** {@code hub 2,560 ms in the first W2 round and 764 ms in the last, ...}. */
    private static String compiled(Map<String, List<Long>> perRound) {
        StringBuilder sb = new StringBuilder();
        perRound.forEach((name, ms) -> {
            if (!ms.isEmpty() && ms.get(0) >= 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%s %,d ms in the first W2 round and %,d ms in "
                        + "the last", name, ms.get(0), ms.get(ms.size() - 1)));
            }
        });
        return sb.length() == 0 ? "a time this JVM does not report" : sb.toString();
    }

    private static String[] lagRow(String label, BenchReport r, Function<LagResult.Figures, Long> figure) {
        return new String[]{label, lag(r.hub(), figure), lag(r.sidecar(), figure), lag(r.nat(), figure), "", ""};
    }

    private static String lag(BenchReport.Figures f, Function<LagResult.Figures, Long> figure) {
        return f == null || f.lag() == null ? SKIPPED : millis(figure.apply(f.lag().all()));
    }

    private static List<String> context(BenchReport r) {
        BenchReport.Context c = r.context();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("MariaDB %s, %d cores (load average %.1f before, %.1f after; shared machine), every server: %s",
                c.mariadbVersion(), c.cores(), c.loadBefore(), c.loadAfter(), settings(c.server())));
        lines.add("hub: the bridge in hub mode, one runtime inside the bench's JVM for leaders dc1..dc3, every tunable "
                + "at its default: " + settings(c.hub()));
        if (r.sidecar() != null) {
            lines.add("sidecar: the bridge in sidecar mode, a runtime per leader inside the bench's JVM (as run --leader "
                    + "dcN), over Kafka " + c.kafkaVersion() + " (a single-node KRaft broker, also in the bench's JVM, running only "
                    + "while sidecar mode is measured), "
                    + "every tunable at its default: " + settings(c.sidecar()));
        }
        if (r.nat() != null) {
            lines.add("native: primary -> 1 replica, MASTER_USE_GTID=slave_pos, " + settings(c.nativeReplication()));
        }
        lines.add(String.format("W1/W2 rate = rows / (first write -> last change seen on every target: dc2 and dc3 for the "
                + "bridge, the replica for native), the last change polled for every %d ms; %s",
                ThroughputRun.SENTINEL_POLL_MILLIS, r.options().warmupRows() == 0 ? "no warm-up"
                        : String.format("after an unmeasured warm-up on each: W1 with %,d rows, then W2 %d times with as many "
                        + "(the JIT compiled for %s)", r.options().warmupRows(), r.options().warmupRounds(),
                        compiled(c.warmupCompileMillis())))
                + String.format("; each measured run starts once the JIT has compiled nothing for %d ms (at most %,d ms "
                        + "after the replication started)", JitWarmup.QUIET_MILLIS, JitWarmup.MAX_WAIT_MILLIS));
        ConflictResult w3 = r.hub().w3();
        if (w3 != null) {
            lines.add(String.format("W3 (hub only; native replication has no conflicts): %d leaders each update random keys "
                    + "among the same %,d at once; rows/s = all %,d updates / (first write -> every leader applied every other "
                    + "leader's); conflicts/s = the %,d conflicts recorded in conflict_history (%,d records on the leaders "
                    + "together) / the same time; the leaders' rows identical afterwards (last writer wins)",
                    w3.leaders(), w3.keys(), w3.rows(), w3.conflicts(), w3.records()));
        }
        lines.add("CPU per row = CPU seconds of this JVM (the bench's client threads, the bridge when it is measured"
                + (r.sidecar() == null ? "" : ", the Kafka broker in sidecar mode's runs") + ") and of every server of the "
                + "replication, from the first write until the last change was seen, / rows");
        if (r.hub().lag() != null) {
            List<String> parts = new ArrayList<>();
            parts.add(lagSamples("hub", r.hub().lag()));
            if (r.sidecar() != null) {
                parts.add(lagSamples("sidecar", r.sidecar().lag()));
            }
            if (r.nat() != null) {
                parts.add(lagSamples("native", r.nat().lag()));
            }
            lines.add(String.format("lag = first seen at a target - commit returned at its origin, for every row at every "
                    + "other server (targets polled every %d ms); %s", r.hub().lag().pollIntervalMillis(),
                    String.join("; ", parts)));
        }
        return lines;
    }

    private static String lagSamples(String name, LagResult l) {
        int targets = l.pairs().size() / l.origins();
        return String.format("%s: %d origin%s x %d target%s, %,.0f w/s per origin achieved, %,d samples%s", name,
                l.origins(), l.origins() == 1 ? "" : "s", targets, targets == 1 ? "" : "s",
                l.achievedRatePerOrigin(), l.all().count(), missing(l));
    }

    private static String missing(LagResult r) {
        return r.missing() == 0 ? "" : String.format(" (%,d never seen, counted at the timeout)", r.missing());
    }

    private static String settings(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    static String rate(ThroughputResult r) {
        return r == null ? "skipped" : String.format("%,.0f rows/s", r.rowsPerSecond());
    }

    /** Microseconds as milliseconds, with a decimal below 10 ms. */
    static String millis(long micros) {
        return micros < 10_000 ? String.format("%.1f ms", micros / 1000.0) : String.format("%,d ms", Math.round(micros / 1000.0));
    }

    /** 100000 → 100k, 2500 → 2,500. */
    static String count(long n) {
        return n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : String.format("%,d", n);
    }
}
