package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.preflight.Finding;
import io.concordbridge.connectors.preflight.MariaDbPreflight;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.cli.CommandFailure;

import java.io.PrintStream;
import java.util.List;

/** Runs the start-up checks of every leader and prints what they found. */
public final class Preflight {

    private Preflight() {
    }

    /** Prints every finding; returns true when there is no error (warnings allowed). */
    public static boolean report(BridgeConfig config, PrintStream out) {
        List<Finding> findings = new MariaDbPreflight(config).run();
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        for (Finding f : findings) {
            out.println(f.severity() + " " + f.message());
        }
        if (errors == 0) {
            out.println("check: every leader (" + String.join(", ", config.leaders().keySet())
                    + ") is ready for replication" + (findings.isEmpty() ? "" : ", with the warnings above"));
        } else {
            out.println("check: " + errors + " problem(s) to fix before the bridge can run");
        }
        return errors == 0;
    }

    /** Like {@link #report} but refuses to go on when there is an error. */
    public static void requirePassing(BridgeConfig config, PrintStream out) {
        if (!report(config, out)) {
            throw new CommandFailure("not starting: fix the problems above (./bridge check --config FILE repeats the checks)", 2);
        }
    }
}
