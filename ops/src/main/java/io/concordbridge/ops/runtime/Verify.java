package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.verify.TableVerifier;
import io.concordbridge.connectors.verify.VerifyReport;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.model.TableId;

import java.io.PrintStream;
import java.util.List;

/** Compares the replicated tables of every leader and prints the outcome. */
public final class Verify {

    private Verify() {
    }

    public static VerifyReport run(BridgeConfig config, PrintStream progress) {
        List<TableId> tables = config.tables().stream().map(t -> t.id()).toList();
        return new TableVerifier(config.leaders(), io.concordbridge.connectors.verify.VerifyOptions.defaults(), progress::println)
                .verify(tables);
    }
}
