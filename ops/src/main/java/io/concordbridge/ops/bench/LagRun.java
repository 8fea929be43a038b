package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Measures replication lag on one {@link Replication}: a {@link PacedWriter} on every origin at
 * the same rate, a {@link VisibilityPoller} on every target, and afterwards, for every row and
 * every server it must reach, latency = first seen there − commit returned at the origin, into
 * one histogram (microseconds). Rows never seen within {@value #DRAIN_SECONDS} s after the writers
 * stop count as missing, recorded at the time the poller gave up.
 */
final class LagRun {

    static final String DATABASE = "bench_lag";
    static final int POLL_INTERVAL_MILLIS = 5;
    private static final long ID_SPAN = 1_000_000_000_000L;
    private static final int DRAIN_SECONDS = 120;
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final PrintWriter out;

    LagRun(PrintWriter out) {
        this.out = out;
    }

    LagResult run(Replication replication, int rate, int seconds) throws Exception {
        List<LocalMariaDb> servers = replication.servers();
        String table = BenchSchema.table(DATABASE);
        BenchSchema.create(servers, DATABASE);
        replication.start("lag", List.of(table));
        try {
            new JitWarmup().awaitQuiet();
            long start = System.nanoTime() + START_DELAY_NANOS;
            List<PacedWriter> writers = new ArrayList<>();
            for (LocalMariaDb origin : replication.origins()) {
                writers.add(new PacedWriter(origin, table, (writers.size() + 1) * ID_SPAN, rate, seconds, start));
            }
            List<VisibilityPoller> pollers = pollers(replication, writers, table);
            CpuMeter cpu = new CpuMeter(servers);
            CpuMeter.Snapshot cpuBefore = cpu.snapshot();
            List<Thread> pollerThreads = startAll(pollers, p -> "bench-poll-" + p.target().name());
            List<Thread> writerThreads = startAll(writers, w -> "bench-write-" + w.origin().name());
            try (Progress p = Progress.start(out, () -> line(replication.name(), writers, pollers, start))) {
                joinAll(writerThreads);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
                pollers.forEach(x -> x.writersDone(deadline));
                joinAll(pollerThreads);
            }
            for (PacedWriter w : writers) {
                if (w.failure() != null) {
                    throw new IllegalStateException("a lag writer on " + w.origin().name() + " failed: "
                            + w.failure().getMessage(), w.failure());
                }
            }
            for (VisibilityPoller x : pollers) {
                if (x.failure() != null) {
                    throw new IllegalStateException("the lag poller of " + x.target().name() + " failed: "
                            + x.failure().getMessage(), x.failure());
                }
            }
            return result(replication.name(), rate, seconds, writers, pollers, cpu.snapshot().since(cpuBefore));
        } finally {
            replication.stop();
            BenchSchema.dropDatabase(servers, DATABASE);
        }
    }

    private static List<VisibilityPoller> pollers(Replication replication, List<PacedWriter> writers, String table) {
        Set<LocalMariaDb> targets = new LinkedHashSet<>();
        writers.forEach(w -> targets.addAll(replication.targetsOf(w.origin())));
        List<VisibilityPoller> pollers = new ArrayList<>();
        for (LocalMariaDb t : targets) {
            List<PacedWriter> sources = writers.stream().filter(w -> replication.targetsOf(w.origin()).contains(t)).toList();
            pollers.add(new VisibilityPoller(t, table, sources, TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MILLIS)));
        }
        return pollers;
    }

    private static LagResult result(String system, int rate, int seconds, List<PacedWriter> writers,
                                    List<VisibilityPoller> pollers, CpuMeter.Use cpu) {
        Histogram all = new Histogram(3);
        Map<String, LagResult.Figures> pairs = new LinkedHashMap<>();
        long missing = 0;
        long gaveUp = System.nanoTime();
        for (VisibilityPoller p : pollers) {
            for (int i = 0; i < p.sources().size(); i++) {
                PacedWriter w = p.sources().get(i);
                Histogram h = new Histogram(3);
                for (int seq = 0; seq < w.written(); seq++) {
                    long visible = p.visibleNanos(i, seq);
                    if (visible == 0) {
                        missing++;
                        visible = gaveUp;
                    }
                    h.recordValue(Math.max(0, visible - w.commitNanos(seq)) / 1000);
                }
                pairs.put(w.origin().name() + "->" + p.target().name(), LagResult.Figures.of(h));
                all.add(h);
            }
        }
        long written = writers.stream().mapToLong(PacedWriter::written).sum();
        return new LagResult(system, writers.size(), rate, seconds, written, LagResult.Figures.of(all), pairs, missing,
                POLL_INTERVAL_MILLIS, cpu);
    }

    private static String line(String system, List<PacedWriter> writers, List<VisibilityPoller> pollers, long start) {
        double secs = Math.max(0.001, (System.nanoTime() - start) / 1e9);
        long written = writers.stream().mapToLong(PacedWriter::written).sum();
        StringBuilder sb = new StringBuilder(String.format("  %s lag %3.0f s: written %,d (%,.0f w/s per origin); newest lag",
                system, secs, written, written / (double) writers.size() / secs));
        for (VisibilityPoller p : pollers) {
            sb.append(String.format(" %s %.1f ms", p.target().name(), p.newestLagNanos() / 1e6));
        }
        long seen = 0;
        long expected = 0;
        for (VisibilityPoller p : pollers) {
            for (int i = 0; i < p.sources().size(); i++) {
                seen += p.seen(i);
                expected += p.sources().get(i).written();
            }
        }
        return sb.append(String.format("; seen %,d of %,d", seen, expected)).toString();
    }

    private static <T extends Runnable> List<Thread> startAll(List<T> tasks, java.util.function.Function<T, String> name) {
        List<Thread> threads = new ArrayList<>();
        for (T task : tasks) {
            Thread t = new Thread(task, name.apply(task));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }
}
