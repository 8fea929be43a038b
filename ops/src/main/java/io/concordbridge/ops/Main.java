package io.concordbridge.ops;

import io.concordbridge.ops.cli.BridgeCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of {@code ./bridge}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if ("json".equalsIgnoreCase(System.getenv(io.concordbridge.ops.cli.LogFormat.ENV))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 a finding such as differing tables, 2 bad input). */
    public static int run(String... args) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        return BridgeCommand.commandLine().execute(args);
    }
}
