package io.concordbridge.ops.cli;

import io.concordbridge.ops.handlers.HandlerBenchCommand;
import io.concordbridge.ops.handlers.HandlerReplayCommand;
import io.concordbridge.ops.handlers.HandlerTestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bridge handlers}: tools for Groovy conflict handlers (docs/handlers.md). */
@Command(name = "handlers", description = "Try and measure Groovy conflict handlers.",
        subcommands = {HandlerTestCommand.class, HandlerReplayCommand.class, HandlerBenchCommand.class})
public final class HandlersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
