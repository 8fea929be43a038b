package io.concordbridge.ops.bench;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.demo.LocalCluster;
import io.concordbridge.ops.runtime.HubRuntime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge in sidecar mode: per leader one {@link HubRuntime} in this process that captures only
 * that leader and applies only into it (as {@code run --leader dcN} does), all three over one Kafka
 * broker, which runs from each {@link #start} to its {@link #stop} ({@link BenchBroker}). Each start
 * uses topics of its own ({@code concord.bench.<run>.dcN}), so no run reads another's records.
 */
final class SidecarReplication extends BridgeReplication {

    private final BenchBroker broker;

    SidecarReplication(LocalCluster cluster, Path dir, BenchBroker broker) {
        super(cluster, dir);
        this.broker = broker;
    }

    /** Starts the broker, then the runtimes. */
    @Override
    public void start(String workload, List<String> tables) throws InterruptedException {
        broker.start();
        try {
            super.start(workload, tables);
        } catch (RuntimeException | InterruptedException e) {
            try {
                broker.stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /** Stops the runtimes, then the broker. */
    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            broker.stop();
        }
    }

    @Override
    public String name() {
        return "sidecar";
    }

    @Override
    String extraYaml(String run) {
        return "transport: { kind: kafka, bootstrap-servers: \"" + broker.bootstrapServers() + "\", topic-prefix: concord.bench."
                + run + " }";
    }

    @Override
    Map<String, HubRuntime> startRuntimes(BridgeConfig config, List<HubRuntime> started) {
        Map<String, HubRuntime> serving = new LinkedHashMap<>();
        for (String leader : config.leaders().keySet()) {
            HubRuntime runtime = HubRuntime.start(config, l -> Clock.systemUTC(), List.of(leader));
            started.add(runtime);
            serving.put(leader, runtime);
        }
        return serving;
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> m = super.settings();
        if (config() != null) {
            m.put("transport.partitions", Integer.toString(config().transport().partitions()));
            m.put("transport.replication-factor", Integer.toString(config().transport().replicationFactor()));
        }
        return m;
    }
}
