package io.concordbridge.ops.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bridge bench}: the bridge in hub and in sidecar mode beside native MariaDB replication on
 * throwaway local servers, one table at the end. Everything it starts is stopped and removed, also on Ctrl-C.
 */
@Command(name = "bench", description = {
        "Replication throughput and lag of the bridge among 3 leaders, in hub mode and in sidecar mode (over a "
                + "Kafka broker it starts), beside native MariaDB replication (primary -> replica), on throwaway "
                + "local servers it starts and removes.",
        "W1: single-row UPDATE transactions; W2: 500-row INSERT transactions; lag: paced single-row INSERTs "
                + "on every leader at once; W3 (hub mode only): single-row UPDATEs of the same 1,000 keys on all "
                + "three leaders at once, conflicts per second beside rows per second."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
            description = "rows of W1 and of W2 (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--warmup-rows", paramLabel = "N", defaultValue = "30000",
            description = "rows of an unmeasured W1 on each replication before measuring, and of each unmeasured W2 "
                    + "round, so the JIT has compiled the bridge's and the driver's hot code; 0 for none "
                    + "(default: ${DEFAULT-VALUE})")
    int warmupRows;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "10",
            description = "unmeasured W2 rounds of --warmup-rows rows on each replication; the JIT's compile time in each "
                    + "is printed (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--lag-rate", paramLabel = "W", defaultValue = "1000",
            description = "writes per second on each leader during the lag phase (default: ${DEFAULT-VALUE})")
    int lagRate;

    @Option(names = "--lag-seconds", paramLabel = "S", defaultValue = "60",
            description = "how long the lag phase writes (default: ${DEFAULT-VALUE})")
    int lagSeconds;

    @Option(names = "--skip-w1", description = "leave the measured W1 out (its warm-up still runs), for a quick look at W2")
    boolean skipW1;

    @Option(names = "--skip-native", description = "leave native MariaDB replication out")
    boolean skipNative;

    @Option(names = "--skip-sidecar", description = "leave the bridge in sidecar mode (and its Kafka broker) out")
    boolean skipSidecar;

    @Option(names = "--skip-lag", description = "measure throughput only (W1, W2)")
    boolean skipLag;

    @Option(names = "--skip-conflicts", description = "leave W3 out (the three leaders updating the same 1,000 keys)")
    boolean skipConflicts;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "where the bench makes its folder for the servers' files, removed at the end "
                    + "(default: the system temp folder)")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        BenchOptions options = new BenchOptions(rows, warmupRows, warmupRounds, lagRate, lagSeconds, skipW1, skipNative,
                skipSidecar, skipLag, skipConflicts, dir, json);
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid options: " + String.join("; ", problems));
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchReport report = new Bench(options, out).run();
        out.println();
        out.print(ReportTable.render(report));
        if (json != null) {
            JsonReport.write(report, json);
            out.println("figures written to " + json);
        }
        out.flush();
        return 0;
    }
}
