package io.concordbridge.ops.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, and what it ran on. A replication or a measurement that was
 * skipped is null.
 *
 * @param hub     the bridge in hub mode (always measured)
 * @param sidecar the bridge in sidecar mode over Kafka, or null with {@code --skip-sidecar}
 * @param nat     native MariaDB replication, or null with {@code --skip-native}
 * @param ports   the TCP ports of every server the bench started, the Kafka broker's too (all stopped by the time
 *                this is printed)
 */
public record BenchReport(BenchOptions options, Context context, Figures hub, Figures sidecar, Figures nat,
                          List<Integer> ports) {

    public BenchReport {
        ports = List.copyOf(ports);
    }

    /**
     * The figures of one replication; {@code lag} is null with {@code --skip-lag}; {@code w3} is measured on the hub
     * alone (native replication has no conflicts), and null elsewhere and with {@code --skip-conflicts}.
     */
    public record Figures(ThroughputResult w1, ThroughputResult w2, ConflictResult w3, LagResult lag) {
    }

    /**
     * What the figures were measured on.
     *
     * @param server            settings of every server (the same on all of them)
     * @param hub               the hub's tunables in effect (its defaults: the bench tunes nothing)
     * @param sidecar           the sidecars' tunables in effect; empty when skipped
     * @param kafkaVersion      the Kafka broker's (and clients') version, or null when sidecar mode is skipped
     * @param nativeReplication how native replication was set up; empty when skipped
     * @param warmupCompileMillis per replication measured, the JIT's compile time in each W2 warm-up round (ms; -1
     *                          where the JVM does not report it); empty without a warm-up
     */
    public record Context(String mariadbVersion, int cores, double loadBefore, double loadAfter,
                          Map<String, String> server, Map<String, String> hub, Map<String, String> sidecar,
                          String kafkaVersion, Map<String, String> nativeReplication,
                          Map<String, List<Long>> warmupCompileMillis) {

        public Context {
            Map<String, List<Long>> rounds = new LinkedHashMap<>();
            warmupCompileMillis.forEach((name, ms) -> rounds.put(name, List.copyOf(ms)));
            warmupCompileMillis = Collections.unmodifiableMap(rounds);
            server = copy(server);
            hub = copy(hub);
            sidecar = copy(sidecar);
            nativeReplication = copy(nativeReplication);
        }

        private static Map<String, String> copy(Map<String, String> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(m));
        }
    }
}
