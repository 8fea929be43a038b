package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.preflight.Finding;
import io.concordbridge.connectors.preflight.MariaDbPreflight;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.cli.CommandFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.List;

/** Runs the start-up checks of every leader (or of a sidecar's own) and prints what they found. */
public final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private Preflight() {
    }

    /** Prints every finding; returns true when there is no error (warnings allowed). */
    public static boolean report(BridgeConfig config, PrintStream out) {
        return report(config, List.copyOf(config.leaders().keySet()), out);
    }

    /** Like {@link #report(BridgeConfig, PrintStream)}, checking only the leaders {@code checked}. */
    public static boolean report(BridgeConfig config, List<String> checked, PrintStream out) {
        if (checked.size() < config.leaders().size()) {
            LOG.info("checking only {}: that server_id differs across leaders cannot be checked from here; "
                    + "./bridge check --config FILE, run where every leader is reachable, checks it", checked);
        }
        List<Finding> findings = new MariaDbPreflight(config, MariaDbPreflight.DEFAULT_CONNECT_TIMEOUT, checked).run();
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        for (Finding f : findings) {
            out.println(f.severity() + " " + f.message());
        }
        if (errors == 0) {
            out.println("check: every leader (" + String.join(", ", checked)
                    + ") is ready for replication" + (findings.isEmpty() ? "" : ", with the warnings above"));
        } else {
            out.println("check: " + errors + " problem(s) to fix before the bridge can run");
        }
        return errors == 0;
    }

    /** Like {@link #report} but refuses to go on when there is an error. */
    public static void requirePassing(BridgeConfig config, PrintStream out) {
        requirePassing(config, List.copyOf(config.leaders().keySet()), out);
    }

    /** Like {@link #report(BridgeConfig, List, PrintStream)} but refuses to go on when there is an error. */
    public static void requirePassing(BridgeConfig config, List<String> checked, PrintStream out) {
        if (!report(config, checked, out)) {
            throw new CommandFailure("not starting: fix the problems above (./bridge check --config FILE repeats the checks)", 2);
        }
    }
}
