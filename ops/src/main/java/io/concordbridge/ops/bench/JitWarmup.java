package io.concordbridge.ops.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * When a warm-up has warmed enough: the bridge runs inside the bench's JVM, and its hot code is
 * compiled by the JIT while it runs. A few thousand rows leave the compiler busy into the measured
 * run, where it took a third of the JVM's CPU (W2, 2 cores, 20,000 warm-up rows); a bridge that has
 * run for an hour compiles nothing. So W2's warm-up repeats in rounds until a round's compile time
 * is at most {@link #QUIET_SHARE} of its duration, or {@link #MAX_ROUNDS} rounds.
 */
final class JitWarmup {

    /** A round in which the JIT compiled for at most this share of its time ends the warm-up. */
    static final double QUIET_SHARE = 0.10;
    static final int MAX_ROUNDS = 12;

    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    /** The JIT's compile time so far in ms, or -1 where this JVM does not report it. */
    long compileMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Whether the warm-up is done after round {@code round}, which took {@code roundMillis} while the JIT compiled
     * for {@code compileMillis} (-1: not reported, then {@link #MAX_ROUNDS} / 4 rounds).
     */
    static boolean done(int round, long compileMillis, long roundMillis) {
        if (round >= MAX_ROUNDS) {
            return true;
        }
        if (compileMillis < 0) {
            return round >= MAX_ROUNDS / 4;
        }
        return compileMillis <= QUIET_SHARE * roundMillis;
    }
}
