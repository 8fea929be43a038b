package io.concordbridge.ops.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT's compile time, to show how warm the bridge is: it runs inside the bench's JVM and its
 * hot code is compiled while it runs. After one W2 warm-up of 20,000 rows the compiler still took a
 * third of the JVM's CPU in the measured W2 (2 cores); a bridge that has run for an hour compiles
 * next to nothing. Every W2 round starts a fresh pipeline, whose start-up is compiled again, so the
 * compile time per round falls slowly (from about 2.5 s to 0.8 s over 12 rounds of 10,000 rows) and
 * does not reach zero; most of what is compiled after the last round is that start-up code (the DDL
 * parser, JSON, JMX), compiled in the background while the measured run writes, so every measured
 * run first waits for the compiler to go quiet ({@link #awaitQuiet}).
 */
final class JitWarmup {

    /** Quiet: nothing compiled for this long. */
    static final long QUIET_MILLIS = 300;
    /** The longest wait for quiet. */
    static final long MAX_WAIT_MILLIS = 5_000;

    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    /**
     * Waits until the JIT has compiled nothing for {@link #QUIET_MILLIS}, at most {@link #MAX_WAIT_MILLIS} (not at
     * all where this JVM does not report compile time).
     */
    void awaitQuiet() throws InterruptedException {
        long start = System.nanoTime();
        long last = compileMillis();
        if (last < 0) {
            return;
        }
        long quietSince = start;
        while (true) {
            long now = System.nanoTime();
            if (now - quietSince >= QUIET_MILLIS * 1_000_000 || now - start >= MAX_WAIT_MILLIS * 1_000_000) {
                return;
            }
            Thread.sleep(20);
            long compiled = compileMillis();
            if (compiled != last) {
                last = compiled;
                quietSince = System.nanoTime();
            }
        }
    }

    /** The JIT's compile time so far in ms, or -1 where this JVM does not report it. */
    long compileMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
