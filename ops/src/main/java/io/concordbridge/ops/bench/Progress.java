package io.concordbridge.ops.bench;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a progress line every {@value #INTERVAL_SECONDS} s while a phase runs, from a daemon
 * thread of its own; the line supplier must be thread-safe. Close it when the phase ends.
 */
final class Progress implements AutoCloseable {

    static final int INTERVAL_SECONDS = 2;

    private final ScheduledExecutorService timer;

    private Progress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Progress start(PrintWriter out, Supplier<String> line) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                out.println(line.get());
                out.flush();
            } catch (RuntimeException e) {
                out.println("  (no progress figures: " + e.getMessage() + ")");
            }
        }, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return new Progress(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
