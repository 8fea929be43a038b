package io.concordbridge.ops.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the bench: option checks, GTID positions, number formats, JSON. */
class BenchFiguresTest {

    @Test
    void everyBadOptionIsNamedAtOnce() {
        BenchOptions bad = new BenchOptions(0, -1, 0, 0, false, false, null, null);
        assertThat(bad.problems()).containsExactly("--rows=0: must be >= 1", "--warmup-rows=-1: must be >= 0",
                "--lag-rate=0: must be 1..100000 writes/s per leader", "--lag-seconds=0: must be >= 1");
        assertThat(new BenchOptions(100_000, 10_000, 1000, 60, false, false, Path.of("x"), null).problems()).isEmpty();
        assertThat(new BenchOptions(1, 0, 100_000, 101, false, false, null, null).problems())
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
}
