package io.concordbridge.ops;

import io.concordbridge.ops.cli.BridgeCommand;
import picocli.CommandLine;

/** Entry point of {@code ./bridge}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 a finding such as differing tables, 2 bad input). */
    public static int run(String... args) {
        return BridgeCommand.commandLine().execute(args);
    }
}
