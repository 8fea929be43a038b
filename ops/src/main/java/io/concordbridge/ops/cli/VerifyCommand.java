package io.concordbridge.ops.cli;

import io.concordbridge.connectors.verify.VerifyReport;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.Verify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code bridge verify}: exit 0 when every leader holds the same replicated rows, 1 otherwise. */
@Command(name = "verify", description = "Compare every replicated table across all leaders, row by row.")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        BridgeConfig cfg = config.load();
        VerifyReport report = Verify.run(cfg, System.err);
        System.out.println(report.describe());
        if (report.identical()) {
            System.out.println("verify: all leaders (" + String.join(", ", cfg.leaders().keySet()) + ") are identical");
            return 0;
        }
        System.out.println("verify: the leaders differ (see above)");
        return 1;
    }
}
