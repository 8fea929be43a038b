package io.concordbridge.ops.bench;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.demo.LocalCluster;
import io.concordbridge.ops.runtime.HubRuntime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bridge in hub mode: one {@link HubRuntime} captures from and applies into dc1..dc3, over its file log. */
final class HubReplication extends BridgeReplication {

    HubReplication(LocalCluster cluster, Path dir) {
        super(cluster, dir);
    }

    @Override
    public String name() {
        return "hub";
    }

    @Override
    String extraYaml(String run) {
        return null;
    }

    @Override
    Map<String, HubRuntime> startRuntimes(BridgeConfig config, List<HubRuntime> started) {
        HubRuntime runtime = HubRuntime.start(config);
        started.add(runtime);
        Map<String, HubRuntime> serving = new LinkedHashMap<>();
        config.leaders().keySet().forEach(leader -> serving.put(leader, runtime));
        return serving;
    }
}
