package io.concordbridge.ops.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the bench: option checks, GTID positions, number formats, the table and JSON. */
class BenchFiguresTest {

    @Test
    void everyBadOptionIsNamedAtOnce() {
        BenchOptions bad = new BenchOptions(0, -1, 0, 0, 0, false, false, false, false, false, null, null);
        assertThat(bad.problems()).containsExactly("--rows=0: must be >= 1", "--warmup-rows=-1: must be >= 0",
                "--warmup-rounds=0: must be 1..100",
                "--lag-rate=0: must be 1..100000 writes/s per leader", "--lag-seconds=0: must be >= 1");
        assertThat(new BenchOptions(100_000, 10_000, 10, 1000, 60, false, false, false, false, false, Path.of("x"), null).problems()).isEmpty();
        assertThat(new BenchOptions(1, 0, 10, 100_000, 101, false, false, false, false, false, null, null).problems())
                .singleElement().asString().contains("--lag-rate x --lag-seconds = 10100000");
    }

    @Test
    void gtidSequenceOfDomainZero() {
        assertThat(NativeReplication.domainZeroSeq("")).isZero();
        assertThat(NativeReplication.domainZeroSeq(null)).isZero();
        assertThat(NativeReplication.domainZeroSeq("0-11-12345")).isEqualTo(12345);
        assertThat(NativeReplication.domainZeroSeq("1-5-7, 0-11-42")).isEqualTo(42);
        assertThat(NativeReplication.domainZeroSeq("1-5-7")).isZero();
    }

    @Test
    void countsAndMillisAreShort() {
        assertThat(ReportTable.count(100_000)).isEqualTo("100k");
        assertThat(ReportTable.count(2_500)).isEqualTo("2,500");
        assertThat(ReportTable.count(999)).isEqualTo("999");
        assertThat(ReportTable.millis(2_640)).isEqualTo("2.6 ms");
        assertThat(ReportTable.millis(42_400)).isEqualTo("42 ms");
        assertThat(ReportTable.millis(1_234_567)).isEqualTo("1,235 ms");
    }

    @Test
    void jsonEscapesAndKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "say \"hi\"\n");
        m.put("a", List.of(1, 2.5, true));
        m.put("n", null);
        assertThat(JsonReport.toJson(m)).isEqualTo("{\"b\": \"say \\\"hi\\\"\\n\", \"a\": [1, 2.500, true], \"n\": null}");
    }

    @Test
    void multiRowInsertHasOnePlaceholderGroupPerRow() {
        assertThat(BenchSchema.multiRowInsert("d.t", 2)).isEqualTo("INSERT INTO d.t (id, k, v, c) VALUES (?, ?, ?, ?), (?, ?, ?, ?)");
        assertThat(BenchSchema.filler(7)).hasSize(60).isNotEqualTo(BenchSchema.filler(8));
    }

    @Test
    void theWarmUpLineShowsTheJitsCompileTimeInTheFirstAndLastRound() {
        BenchReport r = report(true, false);
        BenchReport warmed = new BenchReport(new BenchOptions(2_000, 500, 4, 100, 10, false, false, true, false, true,
                null, null), r.context(), r.hub(), null, r.nat(), r.ports());
        assertThat(ReportTable.render(warmed)).contains("after an unmeasured warm-up on each: W1 with 500 rows, then W2 4 "
                + "times with as many (the JIT compiled for hub 2,500 ms in the first W2 round and 800 ms in the last)");
        assertThat(JsonReport.toJson(JsonReport.tree(warmed))).contains("\"warmupCompileMillis\": {\"hub\": [2500, 1200, 900, 800]}");
    }

    @Test
    void aRunWithoutW1ShowsNoW1Rows() {
        BenchReport all = report(true, false);
        BenchReport.Figures hub = all.hub();
        BenchReport.Figures nat = all.nat();
        BenchReport withoutW1 = new BenchReport(all.options(), all.context(),
                new BenchReport.Figures(null, hub.w2(), null, hub.lag()), null,
                new BenchReport.Figures(null, nat.w2(), null, nat.lag()), all.ports());

        String table = ReportTable.render(withoutW1);

        assertThat(table).doesNotContain("single-row updates").doesNotContain("W1 CPU").contains("W2 2k rows in 500-row txs").contains("W2 CPU per row");
        assertThat(JsonReport.toJson(JsonReport.tree(withoutW1))).contains("\"w1\": {\"hub\": null");
    }

    @Test
    void theTableHasAColumnPerReplicationAndEachBridgeModeOverNative() {
        String table = ReportTable.render(report(false, false));

        assertThat(table.lines().toList()).startsWith(
                "workload                                   hub        sidecar         native      hub/native  sidecar/native",
                "W1 2k single-row updates          1,000 rows/s     500 rows/s   2,000 rows/s           0.50x           0.25x",
                "W2 2k rows in 500-row txs        10,000 rows/s   8,000 rows/s  20,000 rows/s           0.50x           0.40x",
                "lag p50 @100 w/s per leader             2.0 ms          40 ms         1.0 ms",
                "lag p99                                 4.0 ms          80 ms         2.0 ms",
                "lag max                                 8.0 ms         160 ms         4.0 ms",
                "W1 CPU per row, all processes           400 us         800 us         100 us           4.00x           8.00x",
                "W2 CPU per row, all processes            40 us          80 us          10 us           4.00x           8.00x");
        assertThat(table)
                .contains("sidecar: the bridge in sidecar mode, a runtime per leader inside the bench's JVM (as run "
                        + "--leader dcN), over Kafka 4.0.0")
                .contains("hub: 3 origins x 2 targets, 100 w/s per origin achieved, 6,000 samples; "
                        + "sidecar: 3 origins x 2 targets, 100 w/s per origin achieved, 6,000 samples; "
                        + "native: 1 origin x 1 target, 100 w/s per origin achieved, 1,000 samples");
    }

    @Test
    void aSkippedSidecarIsSaidSoWithoutARatio() {
        String table = ReportTable.render(report(true, false));

        assertThat(table.lines().toList()).contains(
                "W1 2k single-row updates          1,000 rows/s        skipped   2,000 rows/s           0.50x",
                "lag p99                                 4.0 ms        skipped         2.0 ms");
        assertThat(table).doesNotContain("sidecar:").doesNotContain("Kafka");
    }

    @Test
    void jsonHasTheFiguresOfEachReplicationUnderItsName() {
        Map<String, Object> tree = JsonReport.tree(report(false, false));
        assertThat(tree).containsKeys("options", "context", "w1", "w2", "lag", "ports");
        for (String measurement : List.of("w1", "w2", "lag")) {
            assertThat(section(tree, measurement)).as(measurement).containsOnlyKeys("hub", "sidecar", "native")
                    .doesNotContainValue(null);
        }
        assertThat(JsonReport.toJson(tree.get("w1"))).contains("\"sidecar\": {\"rows\": 2000, \"transactions\": 2000, "
                + "\"rowsPerSecond\": 500.000");
        assertThat(JsonReport.toJson(tree.get("context"))).contains("\"sidecar\": {\"transport.partitions\": \"1\"}, "
                + "\"kafkaVersion\": \"4.0.0\"");
        assertThat(JsonReport.toJson(tree.get("options"))).contains("\"skipSidecar\": false");

        Map<String, Object> skipped = JsonReport.tree(report(true, false));
        assertThat(section(skipped, "w1")).containsEntry("sidecar", null);
        assertThat(section(skipped, "lag")).containsEntry("sidecar", null);
        assertThat(JsonReport.toJson(skipped.get("options"))).contains("\"skipSidecar\": true");
    }

    @Test
    void w3ShowsRowsAndConflictsPerSecondOfTheHubUnderW1() {
        String table = ReportTable.render(report(false, true));

        assertThat(table.lines().toList()).startsWith(
                "workload                                              hub        sidecar         native      hub/native  sidecar/native",
                "W1 2k single-row updates                     1,000 rows/s     500 rows/s   2,000 rows/s           0.50x           0.25x",
                "W3 3x 666 updates of the same 1,000 keys       999 rows/s              -              -",
                "W3 conflicts/s                                        250",
                "W2 2k rows in 500-row txs                   10,000 rows/s   8,000 rows/s  20,000 rows/s           0.50x           0.40x");
        assertThat(table).contains("W3 (hub only; native replication has no conflicts): 3 leaders each update random keys "
                + "among the same 1,000 at once; rows/s = all 1,998 updates / (first write -> every leader applied every "
                + "other leader's); conflicts/s = the 500 conflicts recorded in conflict_history (1,000 records on the "
                + "leaders together) / the same time");
        assertThat(ReportTable.render(report(false, false))).doesNotContain("W3");
    }

    @Test
    void jsonHasW3OfTheHubAndNullForTheOthers() {
        Map<String, Object> tree = JsonReport.tree(report(false, true));
        assertThat(section(tree, "w3")).containsEntry("sidecar", null).containsEntry("native", null);
        assertThat(JsonReport.toJson(tree.get("w3"))).startsWith("{\"hub\": {\"leaders\": 3, \"rowsPerLeader\": 666, "
                + "\"keys\": 1000, \"rows\": 1998, \"rowsPerSecond\": 999.000, \"conflicts\": 500, "
                + "\"conflictsPerSecond\": 250.000, \"conflictRecords\": 1000, \"seconds\": 2.000, \"writeSeconds\": 1.000}");

        Map<String, Object> skipped = JsonReport.tree(report(false, false));
        assertThat(section(skipped, "w3")).containsEntry("hub", null);
        assertThat(JsonReport.toJson(skipped.get("options"))).contains("\"skipConflicts\": true");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> tree, String key) {
        return (Map<String, Object>) tree.get(key);
    }

    /**
     * Hub at half native's rate and 2x its lag, sidecar at a quarter (W1) and 40x; CPU per row 4x and 8x native's;
     * with {@code w3}, the hub's W3: 3 x 666 updates in 2 s with 500 conflicts (1,000 records).
     */
    private static BenchReport report(boolean skipSidecar, boolean w3) {
        BenchOptions options = new BenchOptions(2_000, 0, 10, 100, 10, false, false, skipSidecar, false, !w3, null, null);
        BenchReport.Context context = new BenchReport.Context("11.4.2-MariaDB", 2, 1.0, 2.0, Map.of("sync_binlog", "1"),
                Map.of("apply.max-batch-changes", "1000"), skipSidecar ? Map.of() : Map.of("transport.partitions", "1"),
                skipSidecar ? null : "4.0.0", Map.of("MASTER_USE_GTID", "slave_pos"),
                Map.of("hub", List.of(2_500L, 1_200L, 900L, 800L)));
        BenchReport.Figures hub = figures("hub", 1_000, 10_000, 400, 2_000, 3);
        if (w3) {
            hub = new BenchReport.Figures(hub.w1(), hub.w2(), new ConflictResult("hub", 3, 666, 1_000, 500, 1_000,
                    1_000_000_000L, 2_000_000_000L), hub.lag());
        }
        BenchReport.Figures sidecar = figures("sidecar", 500, 8_000, 800, 40_000, 3);
        BenchReport.Figures nat = figures("native", 2_000, 20_000, 100, 1_000, 1);
        return new BenchReport(options, context, hub, skipSidecar ? null : sidecar, nat, List.of(3307, 3308));
    }

    /** W1 at {@code w1Rate}, W2 at {@code w2Rate}, CPU per row {@code w1CpuMicros} (W2: a tenth), lag p50/p99/max p50 x 1/2/4. */
    private static BenchReport.Figures figures(String system, double w1Rate, double w2Rate, double w1CpuMicros,
                                               long p50Micros, int origins) {
        int rows = 2_000;
        ThroughputResult w1 = throughput(system, rows, rows, w1Rate, w1CpuMicros);
        ThroughputResult w2 = throughput(system, rows, rows / 500, w2Rate, w1CpuMicros / 10);
        Map<String, LagResult.Figures> pairs = new LinkedHashMap<>();
        int targets = origins == 1 ? 1 : origins - 1;
        long samples = 1_000L * origins * targets;
        LagResult.Figures all = new LagResult.Figures(samples, p50Micros, 2 * p50Micros, 3 * p50Micros, 4 * p50Micros,
                p50Micros);
        for (int o = 1; o <= origins; o++) {
            for (int t = 1; t <= targets; t++) {
                pairs.put("o" + o + "->t" + t, all);
            }
        }
        LagResult lag = new LagResult(system, origins, 100, 10, 1_000L * origins, all, pairs, 0, 5,
                new CpuMeter.Use(1.0, Map.of()));
        return new BenchReport.Figures(w1, w2, null, lag);
    }

    private static ThroughputResult throughput(String system, long rows, long txs, double rate, double cpuMicrosPerRow) {
        long nanos = Math.round(rows / rate * 1e9);
        return new ThroughputResult(system, rows, txs, nanos / 2, nanos, Map.of("t", nanos), "",
                new CpuMeter.Use(cpuMicrosPerRow * rows / 1e6, Map.of()));
    }
}
