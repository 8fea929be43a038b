package io.concordbridge.ops.handlers;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.config.HandlersConfig;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.handlers.host.GroovyHandlers;
import io.concordbridge.ops.cli.CommandFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bridge handlers test FILE --conflict JSON}: runs one handler, in the sandbox and the pool the
 * bridge uses, on one conflict and prints its decision. Exit 0 when it decided or deferred, 1 when the
 * call failed (threw, timed out, returned no decision), 2 when the handler does not compile or the
 * conflict file is wrong.
 */
@Command(name = "test", description = "Run a handler on a conflict given as JSON and print its decision.")
public final class HandlerTestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the handler file (.groovy)")
    Path file;

    @Option(names = "--conflict", paramLabel = "JSON", required = true,
            description = "the conflict, as JSON (see handlers/examples/sample-conflict.json)")
    Path conflict;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "500",
            description = "longest the handler may run (default: ${DEFAULT-VALUE})")
    int timeoutMs;

    @Override
    public Integer call() throws Exception {
        Conflict c = readConflict();
        Path abs = file.toAbsolutePath();
        PrintWriter out = spec.commandLine().getOut();
        try (GroovyHandlers handlers = new GroovyHandlers(new HandlersConfig(abs.getParent(), timeoutMs, 1))) {
            try {
                handlers.require(abs.getFileName().toString());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), 2);
            }
            HandlerVerdict v = handlers.decide(abs.getFileName().toString(), c).get(timeoutMs + 60_000L, TimeUnit.MILLISECONDS);
            out.println("handler:  " + v.handler());
            out.println("conflict: " + c.type().storageName() + " on " + c.key());
            out.println("decision: " + v.kind());
            if (!v.reason().isEmpty()) {
                out.println("reason:   " + v.reason());
            }
            if (v.row() != null) {
                out.println("row:      " + RowJson.write(v.row()));
            }
            out.flush();
            return v.kind() == HandlerVerdict.Kind.FAILED ? 1 : 0;
        }
    }

    private Conflict readConflict() {
        try {
            return ConflictFile.read(Files.readString(conflict));
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + conflict + ": " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(conflict + ": " + e.getMessage(), 2);
        }
    }
}
