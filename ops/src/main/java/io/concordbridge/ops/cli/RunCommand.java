package io.concordbridge.ops.cli;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.HubRuntime;
import io.concordbridge.ops.runtime.Preflight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code bridge run}: replicates until stopped; on SIGTERM finishes the batch in flight and exits 0. */
@Command(name = "run", description = "Replicate among the configured leaders (hub mode) until stopped.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.load();
        Preflight.requirePassing(cfg, System.err);
        StopSignal signal = new StopSignal();
        try (HubRuntime runtime = HubRuntime.start(cfg)) {
            LOG.info("replicating {} table(s) among {}; stop with SIGTERM or Ctrl-C", cfg.tables().size(),
                    cfg.leaders().keySet());
            signal.await();
            LOG.info("{} received: finishing the batches in flight and committing checkpoints", signal.received());
        }
        LOG.info("stopped cleanly");
        return 0;
    }
}
