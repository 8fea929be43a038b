package io.concordbridge.ops.handlers;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.config.HandlersConfig;
import io.concordbridge.handlers.host.GroovyHandlers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bridge handlers bench}: the cost of deciding a conflict with a trivial Groovy handler
 * ({@code takeRemote()}) through the real pool, beside the built-in last-writer-wins policy, in one run.
 */
@Command(name = "bench", description = "Latency (p50, p99) and calls/s of a trivial handler through the handler "
        + "pool, beside the built-in last-writer-wins policy.")
public final class HandlerBenchCommand implements Callable<Integer> {

    static final String FILE = "bench.groovy";
    /** An update_differing conflict of an order row, as in handlers/examples/sample-conflict.json. */
    static final String CONFLICT = """
            {"type": "update_differing", "table": "shop.orders", "key": [7],
             "base": {"id": 7, "qty": 10, "status": "new", "price": {"$decimal": "9.99"}},
             "local": {"leader": "dc1", "stamp": 100, "row": {"id": 7, "qty": 12, "status": "new", "price": {"$decimal": "9.99"}}},
             "remote": {"leader": "dc2", "stamp": 200, "row": {"id": 7, "qty": 15, "status": "paid", "price": {"$decimal": "9.99"}}}}
            """;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "20000",
            description = "measured calls of each (default: ${DEFAULT-VALUE}), after as many unmeasured ones")
    int calls;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "handler pool threads (default: ${DEFAULT-VALUE}, as handlers.threads)")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (calls < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calls and --threads must be >= 1");
        }
        Conflict c = ConflictFile.read(CONFLICT);
        Path dir = Files.createTempDirectory("bridge-handler-bench");
        try (GroovyHandlers handlers = new GroovyHandlers(new HandlersConfig(dir, 500, threads))) {
            Files.writeString(dir.resolve(FILE), "takeRemote()\n");
            handlers.require(FILE);
            HandlerBench.handler(handlers, FILE, c, calls);
            HandlerBench.lastWriterWins(c, calls);
            print(HandlerBench.handler(handlers, FILE, c, calls), HandlerBench.lastWriterWins(c, calls));
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void print(HandlerBench.Figures... rows) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("conflict decisions, %,d calls each (handler: takeRemote(), %d pool threads, 500 ms timeout)%n",
                calls, threads);
        out.printf("%-28s %12s %12s %14s%n", "", "p50", "p99", "calls/s");
        for (HandlerBench.Figures f : rows) {
            out.printf("%-28s %12s %12s %,14.0f%n", f.name(), HandlerBench.time(f.p50Nanos()),
                    HandlerBench.time(f.p99Nanos()), f.callsPerSecond());
        }
        out.flush();
    }
}
