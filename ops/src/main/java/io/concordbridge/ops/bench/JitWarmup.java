package io.concordbridge.ops.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT's compile time, to show how warm the bridge is: it runs inside the bench's JVM and its
 * hot code is compiled while it runs. After one W2 warm-up of 20,000 rows the compiler still took a
 * third of the JVM's CPU in the measured W2 (2 cores); a bridge that has run for an hour compiles
 * next to nothing. Every W2 round starts a fresh pipeline, whose start-up is compiled again, so the
 * compile time per round falls slowly (from about 2.5 s to 0.8 s over 12 rounds of 10,000 rows) and
 * does not reach zero.
 */
final class JitWarmup {

    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    /** The JIT's compile time so far in ms, or -1 where this JVM does not report it. */
    long compileMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
