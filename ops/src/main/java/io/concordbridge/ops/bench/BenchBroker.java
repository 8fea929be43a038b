package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.ops.kafka.DevKafka;

import java.nio.file.Path;

/**
 * The Kafka broker of sidecar mode ({@link DevKafka}, in this JVM), running only while sidecar mode is measured:
 * {@link SidecarReplication} starts it before each of its runs and stops it after, so the hub and native runs have no
 * idle broker beside them (about 3% of a core here, in the JVM the hub runs in). Each start uses the same folder and
 * port, so the topics of earlier runs stay. Thread-safe.
 */
final class BenchBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private DevKafka running;
    private int starts;

    BenchBroker(Path dir) {
        this.dir = dir;
        this.port = LocalMariaDb.freePort();
    }

    /** Starts the broker unless it runs; returns once it serves. */
    synchronized void start() {
        if (running == null) {
            running = DevKafka.start(dir, port);
            starts++;
        }
    }

    /** Stops the broker if it runs, and waits for it. */
    synchronized void stop() {
        DevKafka broker = running;
        running = null;
        if (broker != null) {
            broker.close();
        }
    }

    /** How many times it was started. */
    synchronized int starts() {
        return starts;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
