package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by this JVM (the bench's writers and pollers, and the bridge when it runs in it)
 * and by each of some servers, read from the operating system between two {@link #snapshot}s.
 * CPU per row is steadier than a rate on a machine shared with other work. Servers are found among
 * this JVM's child processes by their {@code --port}. Thread-safe.
 */
final class CpuMeter {

    private final Map<String, ProcessHandle> servers = new LinkedHashMap<>();

    CpuMeter(List<LocalMariaDb> dbs) {
        for (LocalMariaDb db : dbs) {
            String port = "--port=" + db.port();
            ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(port)).orElse(false))
                    .findFirst()
                    .ifPresent(p -> servers.put(db.name(), p));
        }
    }

    Snapshot snapshot() {
        Map<String, Long> s = new LinkedHashMap<>();
        servers.forEach((name, p) -> s.put(name, p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)));
        return new Snapshot(jvmCpuNanos(), s);
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** CPU times at one instant, in nanoseconds. */
    record Snapshot(long jvmNanos, Map<String, Long> serverNanos) {

        /** What was used from {@code earlier} to this one. */
        Use since(Snapshot earlier) {
            Map<String, Double> s = new LinkedHashMap<>();
            serverNanos.forEach((name, n) -> s.put(name,
                    (n - Optional.ofNullable(earlier.serverNanos.get(name)).orElse(n)) / 1e9));
            return new Use((jvmNanos - earlier.jvmNanos) / 1e9, s);
        }
    }

    /**
     * CPU seconds used in a phase.
     *
     * @param jvmSeconds    this JVM: the bench's client threads, and the bridge when it was measured
     * @param serverSeconds each server of the replication measured
     */
    record Use(double jvmSeconds, Map<String, Double> serverSeconds) {

        Use {
            serverSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(serverSeconds));
        }

        double serversSeconds() {
            return serverSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double totalSeconds() {
            return jvmSeconds + serversSeconds();
        }

        String describe() {
            StringBuilder sb = new StringBuilder(String.format("CPU: this JVM %.1f s, servers %.1f s (", jvmSeconds,
                    serversSeconds()));
            serverSeconds.forEach((n, s) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
                    .append(String.format("%s %.1f", n, s)));
            return sb.append(')').toString();
        }
    }
}
