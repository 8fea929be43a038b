package io.concordbridge.ops.kafka;

import io.concordbridge.connectors.local.LocalMariaDb;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker for the tests of one class (a static {@code @RegisterExtension}
 * field): {@code ./bridge kafka-dev} in a separate JVM on a free port with its own folder, so a
 * test can stop, kill and restart it. Removed after the class. Fails loudly when the broker does
 * not come up.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private int port;
    private Process process;
    private int starts;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("concord-kafka-it");
        port = LocalMariaDb.freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        LocalMariaDb.deleteTree(dir);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) on the same port and folder; returns once it is ready. */
    public void start() throws IOException, InterruptedException {
        Path log = dir.resolve("kafka-" + (++starts) + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), "io.concordbridge.ops.Main", "kafka-dev",
                "--port", Integer.toString(port), "--dir", dir.resolve("broker").toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).contains("Kafka ready at")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the Kafka broker did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM: a clean shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGKILL: the broker gets no chance to clean up. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
