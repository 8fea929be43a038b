package io.concordbridge.ops.handlers;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictHandlers;
import io.concordbridge.core.conflict.Resolver;
import io.concordbridge.core.conflict.TablePolicy;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures conflict decisions: one call at a time for latency (HdrHistogram, nanoseconds), then
 * untimed calls for calls per second (the handler's in batches of {@value #BATCH} in flight, so every
 * pool thread works; the built-in policy on the calling thread). The handler is measured through the real pool
 * ({@link ConflictHandlers#decide}); the built-in policy by calling {@link Resolver} directly. Not
 * thread-safe: one run at a time.
 */
final class HandlerBench {

    /** The figures of one contender. */
    record Figures(String name, long p50Nanos, long p99Nanos, double callsPerSecond) {
    }

    private static final int BATCH = 500;

    private HandlerBench() {
    }

    static Figures handler(ConflictHandlers handlers, String file, Conflict c, int calls) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            handlers.decide(file, c).get(10, TimeUnit.SECONDS);
            h.recordValue(Math.min(System.nanoTime() - t0, h.getHighestTrackableValue()));
        }
        long t0 = System.nanoTime();
        for (int done = 0; done < calls; done += BATCH) {
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (int i = done; i < Math.min(calls, done + BATCH); i++) {
                inFlight.add(handlers.decide(file, c));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        return figures("groovy handler", h, calls, System.nanoTime() - t0);
    }

    static Figures lastWriterWins(Conflict c, int calls) {
        TablePolicy policy = TablePolicy.defaults(c.table());
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            long s = System.nanoTime();
            sink += Resolver.resolve(c, policy).outcome().ordinal();
            h.recordValue(Math.min(System.nanoTime() - s, h.getHighestTrackableValue()));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += Resolver.resolve(c, policy).outcome().ordinal();
        }
        long elapsed = System.nanoTime() - t0;
        if (sink < 0) {
            throw new IllegalStateException("unreachable: keeps the calls from being optimized away");
        }
        return figures("last-writer-wins (built in)", h, calls, elapsed);
    }

    private static Figures figures(String name, Histogram h, int calls, long elapsedNanos) {
        return new Figures(name, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                calls / (elapsedNanos / 1e9));
    }

    /** {@code 12.3 µs}, {@code 850 ns}, {@code 1.20 ms}. */
    static String time(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format("%.1f µs", nanos / 1e3);
        }
        return String.format("%.2f ms", nanos / 1e6);
    }
}
