package io.concordbridge.ops.cli;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code bridge check}: names every missing requirement on every leader. */
@Command(name = "check", description = "Check that every leader is set up for replication; exit 0 when all are.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        BridgeConfig cfg = config.load();
        return Preflight.report(cfg, System.out) ? 0 : 1;
    }
}
