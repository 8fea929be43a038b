package io.concordbridge.ops.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, and what it ran on. A measurement that was skipped is null.
 *
 * @param ports the TCP ports of every server the bench started (all stopped by the time this is printed)
 */
public record BenchReport(BenchOptions options, Context context, ThroughputResult w1Bridge, ThroughputResult w1Native,
                          ThroughputResult w2Bridge, ThroughputResult w2Native, LagResult lagBridge,
                          LagResult lagNative, List<Integer> ports) {

    public BenchReport {
        ports = List.copyOf(ports);
    }

    /**
     * What the figures were measured on.
     *
     * @param server settings of every server (the same on all of them)
     * @param bridge the bridge's tunables in effect (its defaults: the bench tunes nothing)
     * @param nativeReplication how native replication was set up
     */
    public record Context(String mariadbVersion, int cores, double loadBefore, double loadAfter,
                          Map<String, String> server, Map<String, String> bridge,
                          Map<String, String> nativeReplication) {

        public Context {
            server = Collections.unmodifiableMap(new LinkedHashMap<>(server));
            bridge = Collections.unmodifiableMap(new LinkedHashMap<>(bridge));
            nativeReplication = Collections.unmodifiableMap(new LinkedHashMap<>(nativeReplication));
        }
    }
}
