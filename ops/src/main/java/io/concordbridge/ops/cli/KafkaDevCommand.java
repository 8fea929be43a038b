package io.concordbridge.ops.cli;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.ops.kafka.DevKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bridge kafka-dev}: a single-node Apache Kafka broker for trying sidecar mode on one
 * machine, until Ctrl-C or SIGTERM. Without {@code --dir} its data goes to a temp folder removed
 * at exit; with it, the data stays and a later start on the same folder keeps the topics.
 */
@Command(name = "kafka-dev", description = "Run a single-node Apache Kafka broker (KRaft) for development, until stopped.")
public final class KafkaDevCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092", description = "the port clients connect to (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the broker keeps its data (default: a temp folder removed at exit)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new CommandFailure("--port " + port + ": must be 1..65535", 2);
        }
        Path base = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("concord-kafka");
        StopSignal signal = new StopSignal();
        long started = System.nanoTime();
        try (DevKafka kafka = DevKafka.start(base, port)) {
            System.out.printf("Kafka ready at %s in %.1f s (data in %s); stop with Ctrl-C%n", kafka.bootstrapServers(),
                    (System.nanoTime() - started) / 1e9, base);
            System.out.println("  transport: { kind: kafka, bootstrap-servers: " + kafka.bootstrapServers() + " }");
            signal.await();
            System.out.println(signal.received() + ": stopping Kafka");
        } finally {
            if (dir == null) {
                LocalMariaDb.deleteTree(base);
            }
        }
        System.out.println("Kafka stopped" + (dir == null ? "; removed " + base : "; data kept in " + base));
        return 0;
    }
}
