package io.concordbridge.ops.bench;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One lag measurement: commit at the origin → visible at another server, over every write of
 * every origin at every other server.
 *
 * @param system            {@code hub}, {@code sidecar} or {@code native}
 * @param origins           servers written to at once
 * @param ratePerOrigin     the writes per second asked of each origin
 * @param seconds           how long the writers ran
 * @param written           writes committed, all origins together
 * @param all               every (write, target) latency, microseconds
 * @param pairs             the same by {@code origin->target}
 * @param missing           (write, target) pairs never seen before the drain timeout (recorded at the timeout)
 * @param pollIntervalMillis how often each target was polled
 * @param cpu               CPU used from the first write until the pollers stopped
 */
public record LagResult(String system, int origins, int ratePerOrigin, int seconds, long written,
                        Figures all, Map<String, Figures> pairs, long missing, int pollIntervalMillis,
                        CpuMeter.Use cpu) {

    public LagResult {
        pairs = Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
    }

    /** Writes per second each origin actually committed. */
    public double achievedRatePerOrigin() {
        return written / (double) origins / seconds;
    }

    /** Percentiles of one histogram in microseconds. */
    public record Figures(long count, long p50Micros, long p99Micros, long p999Micros, long maxMicros, double meanMicros) {

        static Figures of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Figures(0, 0, 0, 0, 0, 0);
            }
            return new Figures(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
        }
    }
}
