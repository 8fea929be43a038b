package io.concordbridge.ops.cli;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.HubRuntime;
import io.concordbridge.ops.runtime.Preflight;
import io.concordbridge.ops.runtime.ServedLeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bridge run}: replicates until stopped; on SIGTERM finishes the batch in flight and exits 0. */
@Command(name = "run", description = "Replicate among the configured leaders (hub mode), or for one leader "
        + "beside its database (sidecar mode, --leader) until stopped.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--leader", paramLabel = "NAME",
            description = "sidecar mode (transport.kind: kafka): capture and apply this leader only")
    String leader;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "text (default) or json: one JSON object per log line; also BRIDGE_LOG_FORMAT")
    String logFormat;

    @Override
    public Integer call() throws Exception {
        LogFormat.apply(LogFormat.chosen(logFormat));
        BridgeConfig cfg = config.load();
        List<String> served = ServedLeaders.of(cfg, leader);
        Preflight.requirePassing(cfg, served, System.err);
        StopSignal signal = new StopSignal();
        try (HubRuntime runtime = HubRuntime.start(cfg, l -> Clock.systemUTC(), served)) {
            if (leader == null) {
                LOG.info("replicating {} table(s) among {}; stop with SIGTERM or Ctrl-C", cfg.tables().size(),
                        cfg.leaders().keySet());
            } else {
                LOG.info("sidecar of {}: replicating {} table(s) with {} over Kafka at {}; stop with SIGTERM or Ctrl-C",
                        leader, cfg.tables().size(), cfg.leaders().keySet(), cfg.transport().bootstrapServers());
            }
            signal.await();
            LOG.info("{} received: finishing the batches in flight and committing checkpoints", signal.received());
        }
        LOG.info("stopped cleanly");
        return 0;
    }
}
