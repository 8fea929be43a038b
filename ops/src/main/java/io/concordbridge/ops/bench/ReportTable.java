package io.concordbridge.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The bench's final table and the lines that say what it ran on and how each figure was measured. Stateless. */
final class ReportTable {

    private static final int VALUE_WIDTH = 15;

    private ReportTable() {
    }

    static String render(BenchReport r) {
        List<String[]> rows = new ArrayList<>();
        int n = r.options().rows();
        rows.add(new String[]{"workload", "bridge", "native", "ratio"});
        rows.add(throughputRow(new SingleRowUpdates().title(n), r.w1Bridge(), r.w1Native()));
        rows.add(throughputRow(new BatchedInserts(BenchOptions.W2_TX_ROWS).title(n), r.w2Bridge(), r.w2Native()));
        if (r.lagBridge() != null) {
            rows.add(lagRow(String.format("lag p50 @%,d w/s per leader", r.options().lagRate()), r, LagResult.Figures::p50Micros));
            rows.add(lagRow("lag p99", r, LagResult.Figures::p99Micros));
            rows.add(lagRow("lag max", r, LagResult.Figures::maxMicros));
        }
        rows.add(cpuRow("W1 CPU per row, all processes", r.w1Bridge(), r.w1Native()));
        rows.add(cpuRow("W2 CPU per row, all processes", r.w2Bridge(), r.w2Native()));
        int labelWidth = rows.stream().mapToInt(x -> x[0].length()).max().orElse(10) + 2;
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format("%-" + labelWidth + "s%" + VALUE_WIDTH + "s%" + VALUE_WIDTH + "s%8s", (Object[]) row)
                    .stripTrailing()).append('\n');
        }
        sb.append('\n');
        context(r).forEach(line -> sb.append(line).append('\n'));
        return sb.toString();
    }

    private static String[] throughputRow(String label, ThroughputResult bridge, ThroughputResult nat) {
        String ratio = bridge == null || nat == null ? "" : String.format("%.2fx", bridge.rowsPerSecond() / nat.rowsPerSecond());
        return new String[]{label, rate(bridge), nat == null ? "skipped" : rate(nat), ratio};
    }

    private static String[] cpuRow(String label, ThroughputResult bridge, ThroughputResult nat) {
        String ratio = nat == null ? "" : String.format("%.2fx", bridge.cpuMicrosPerRow() / nat.cpuMicrosPerRow());
        return new String[]{label, micros(bridge), nat == null ? "skipped" : micros(nat), ratio};
    }

    private static String micros(ThroughputResult r) {
        return String.format("%,.0f us", r.cpuMicrosPerRow());
    }

    private static String[] lagRow(String label, BenchReport r, Function<LagResult.Figures, Long> figure) {
        return new String[]{label, millis(figure.apply(r.lagBridge().all())),
                r.lagNative() == null ? "skipped" : millis(figure.apply(r.lagNative().all())), ""};
    }

    private static List<String> context(BenchReport r) {
        BenchReport.Context c = r.context();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("MariaDB %s, %d cores (load average %.1f before, %.1f after; shared machine), every server: %s",
                c.mariadbVersion(), c.cores(), c.loadBefore(), c.loadAfter(), settings(c.server())));
        lines.add("bridge: hub mode inside the bench's JVM, leaders dc1..dc3, every tunable at its default: "
                + settings(c.bridge()));
        if (!c.nativeReplication().isEmpty()) {
            lines.add("native: primary -> 1 replica, MASTER_USE_GTID=slave_pos, " + settings(c.nativeReplication()));
        }
        lines.add(String.format("W1/W2 rate = rows / (first write -> last change seen on every target: dc2 and dc3 for the "
                + "bridge, the replica for native), the last change polled for every %d ms; %s",
                ThroughputRun.SENTINEL_POLL_MILLIS, r.options().warmupRows() == 0 ? "no warm-up"
                        : String.format("after an unmeasured warm-up of %,d rows of each on each", r.options().warmupRows())));
        lines.add("CPU per row = CPU seconds of this JVM (the bench's client threads, and the bridge when it is measured) "
                + "and of every server of the replication, from the first write until the last change was seen, / rows");
        if (r.lagBridge() != null) {
            LagResult b = r.lagBridge();
            LagResult nat = r.lagNative();
            lines.add(String.format("lag = first seen at a target - commit returned at its origin, for every row at every "
                    + "other server (targets polled every %d ms); bridge: %d origins x %d targets, %,.0f w/s per origin "
                    + "achieved, %,d samples%s%s", b.pollIntervalMillis(), b.origins(), b.origins() - 1,
                    b.achievedRatePerOrigin(), b.all().count(), missing(b),
                    nat == null ? "" : String.format("; native: 1 origin x 1 target, %,.0f w/s achieved, %,d samples%s",
                            nat.achievedRatePerOrigin(), nat.all().count(), missing(nat))));
        }
        return lines;
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
