package io.concordbridge.ops.cli;

import io.concordbridge.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bridge} command and its subcommands. */
@Command(name = "bridge", mixinStandardHelpOptions = true, version = "Concord Bridge 0.1.0",
        description = "Active-active replication among MariaDB leaders.",
        subcommands = {RunCommand.class, CheckCommand.class, VerifyCommand.class, DemoCommand.class,
                ConflictsCommand.class, HandlersCommand.class, KafkaDevCommand.class,
                io.concordbridge.ops.bench.BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class BridgeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A command line whose errors end in a clear message and exit code 2, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BridgeCommand());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof ConfigException ce) {
                line.getErr().println("bridge: the config has " + ce.problems().size() + " problem(s):");
                ce.problems().forEach(p -> line.getErr().println("  " + p));
            } else if (ex instanceof CommandFailure cf) {
                line.getErr().println("bridge: " + cf.getMessage());
                return cf.exitCode();
            } else {
                line.getErr().println("bridge: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                org.slf4j.LoggerFactory.getLogger(BridgeCommand.class).debug("failure", ex);
            }
            return 2;
        });
        return cl;
    }
}
