package io.concordbridge.ops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The figures of a {@link BenchReport} as a JSON document (plain maps, lists, strings and numbers). Stateless. */
final class JsonReport {

    private JsonReport() {
    }

    static void write(BenchReport r, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(tree(r)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Map<String, Object> tree(BenchReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        BenchOptions o = r.options();
        m.put("options", ordered("rows", o.rows(), "warmupRows", o.warmupRows(), "warmupRounds", o.warmupRounds(),
                "lagRate", o.lagRate(), "lagSeconds", o.lagSeconds(), "skipW1", o.skipW1(), "skipNative", o.skipNative(),
                "skipSidecar", o.skipSidecar(), "skipLag", o.skipLag(),
                "skipConflicts", o.skipConflicts()));
        BenchReport.Context c = r.context();
        m.put("context", ordered("mariadbVersion", c.mariadbVersion(), "cores", c.cores(), "loadBefore", c.loadBefore(),
                "loadAfter", c.loadAfter(), "server", c.server(), "hub", c.hub(), "sidecar", c.sidecar(),
                "kafkaVersion", c.kafkaVersion(), "native", c.nativeReplication(),
                "warmupCompileMillis", c.warmupCompileMillis()));
        m.put("w1", perReplication(r, BenchReport.Figures::w1, JsonReport::throughput));
        m.put("w2", perReplication(r, BenchReport.Figures::w2, JsonReport::throughput));
        m.put("w3", perReplication(r, BenchReport.Figures::w3, JsonReport::conflicts));
        m.put("lag", perReplication(r, BenchReport.Figures::lag, JsonReport::lag));
        m.put("ports", r.ports());
        return m;
    }

    /** {@code {"hub": ..., "sidecar": ..., "native": ...}}, null for a replication or measurement skipped. */
    private static <T> Map<String, Object> perReplication(BenchReport r, Function<BenchReport.Figures, T> measurement,
                                                          Function<T, Object> json) {
        Function<BenchReport.Figures, Object> of = f -> f == null ? null : json.apply(measurement.apply(f));
        return ordered("hub", of.apply(r.hub()), "sidecar", of.apply(r.sidecar()), "native", of.apply(r.nat()));
    }

    private static Object throughput(ThroughputResult t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        t.seenNanos().forEach((k, v) -> seen.put(k, v / 1e6));
        return ordered("rows", t.rows(), "transactions", t.transactions(), "rowsPerSecond", t.rowsPerSecond(),
                "seconds", t.totalNanos() / 1e9, "originRowsPerSecond", t.originRowsPerSecond(),
                "writeSeconds", t.writeNanos() / 1e9, "drainMillis", t.drainMillis(), "lastChangeSeenMillis", seen,
                "notes", t.notes(), "cpuMicrosPerRow", t.cpuMicrosPerRow(), "cpu", cpu(t.cpu()));
    }

    private static Object conflicts(ConflictResult c) {
        if (c == null) {
            return null;
        }
        return ordered("leaders", c.leaders(), "rowsPerLeader", c.rowsPerLeader(), "keys", c.keys(), "rows", c.rows(),
                "rowsPerSecond", c.rowsPerSecond(), "conflicts", c.conflicts(), "conflictsPerSecond", c.conflictsPerSecond(),
                "conflictRecords", c.records(), "seconds", c.totalNanos() / 1e9, "writeSeconds", c.writeNanos() / 1e9);
    }

    private static Object lag(LagResult l) {
        if (l == null) {
            return null;
        }
        Map<String, Object> pairs = new LinkedHashMap<>();
        l.pairs().forEach((k, f) -> pairs.put(k, figures(f)));
        return ordered("origins", l.origins(), "ratePerOrigin", l.ratePerOrigin(), "seconds", l.seconds(),
                "written", l.written(), "achievedRatePerOrigin", l.achievedRatePerOrigin(), "missing", l.missing(),
                "pollIntervalMillis", l.pollIntervalMillis(), "all", figures(l.all()), "pairs", pairs, "cpu", cpu(l.cpu()));
    }

    private static Object cpu(CpuMeter.Use u) {
        return ordered("jvmSeconds", u.jvmSeconds(), "serversSeconds", u.serversSeconds(), "servers", u.serverSeconds());
    }

    private static Object figures(LagResult.Figures f) {
        return ordered("samples", f.count(), "p50Ms", f.p50Micros() / 1000.0, "p99Ms", f.p99Micros() / 1000.0,
                "p999Ms", f.p999Micros() / 1000.0, "maxMs", f.maxMicros() / 1000.0, "meanMs", f.meanMicros() / 1000.0);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String toJson(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(sb.length() > 1 ? ", " : "").append(quote(k.toString())).append(": ").append(toJson(x)));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(sb.length() > 1 ? ", " : "").append(toJson(x)));
            return sb.append(']').toString();
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return sb.append('"').toString();
    }
}
