package io.concordbridge.ops.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One throughput measurement (W1 or W2 on the bridge in hub or sidecar mode, or on native replication).
 *
 * @param system       {@code hub}, {@code sidecar} or {@code native}
 * @param rows         rows written at the origin
 * @param transactions transactions committed at the origin
 * @param writeNanos   first write → last commit at the origin
 * @param totalNanos   first write → the last change seen applied on every target
 * @param seenNanos    per target: first write → the last change seen there
 * @param notes        what the replication reported about the run (batches and the like)
 * @param cpu          CPU used from the first write until the last change was seen everywhere
 */
public record ThroughputResult(String system, long rows, long transactions, long writeNanos, long totalNanos,
                               Map<String, Long> seenNanos, String notes,
                               CpuMeter.Use cpu) {

    public ThroughputResult {
        seenNanos = Collections.unmodifiableMap(new LinkedHashMap<>(seenNanos));
    }

    /** The figure of the table: rows / (first write → last change applied on every target). */
    public double rowsPerSecond() {
        return rows / (totalNanos / 1e9);
    }

    /** How fast the origin took the writes, whatever the replication did. */
    public double originRowsPerSecond() {
        return rows / (writeNanos / 1e9);
    }

    /** CPU microseconds per row, this JVM and the servers together. */
    public double cpuMicrosPerRow() {
        return cpu.totalSeconds() * 1e6 / rows;
    }

    /** Last commit at the origin → last change seen on every target. */
    public double drainMillis() {
        return (totalNanos - writeNanos) / 1e6;
    }
}
