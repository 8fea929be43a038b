package io.concordbridge.ops.kafka;

import io.concordbridge.connectors.local.LocalMariaDb;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node Apache Kafka broker for development and tests (KRaft, broker and controller in
 * one process, replication factor 1), run from Apache Kafka's own server classes. Its data and
 * {@code server.properties} live in one folder: started again on the same folder, it keeps its
 * topics, cluster id and controller port. Not for production. Start once, {@link #close()} once.
 */
public final class DevKafka implements AutoCloseable {

    static final String PROPERTIES = "server.properties";
    private static final Logger LOG = LoggerFactory.getLogger(DevKafka.class);

    private final KafkaRaftServer server;
    private final int port;

    private DevKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Formats {@code dir} on first use, then starts the broker on 127.0.0.1:{@code port}; returns once it serves. */
    public static DevKafka start(Path dir, int port) {
        Path file = dir.resolve(PROPERTIES);
        try {
            Files.createDirectories(dir);
            Properties props = Files.exists(file) ? read(file) : fresh(dir, port);
            props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                    + props.getProperty("concord.controller.port"));
            props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            write(file, props);
            format(file, props.getProperty("concord.cluster.id"));
            Properties server = new Properties();
            props.stringPropertyNames().stream().filter(k -> !k.startsWith("concord."))
                    .forEach(k -> server.setProperty(k, props.getProperty(k)));
            KafkaRaftServer kafka = new KafkaRaftServer(KafkaConfig.fromProps(server, false), Time.SYSTEM);
            kafka.startup();
            LOG.debug("Kafka broker started in {}", dir);
            return new DevKafka(kafka, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}, what clients put in bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** Shuts the broker down cleanly and waits for it. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties fresh(Path dir, int port) throws IOException {
        Properties p = new Properties();
        p.setProperty("concord.cluster.id", Uuid.randomUuid().toString());
        p.setProperty("concord.controller.port", Integer.toString(LocalMariaDb.freePort()));
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toAbsolutePath().toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + p.getProperty("concord.controller.port"));
        return p;
    }

    /** Writes meta.properties and the bootstrap checkpoint; a folder formatted before is left as it is. */
    private static void format(Path file, String clusterId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[]{"format", "--config", file.toString(), "--cluster-id", clusterId,
                    "--standalone", "--ignore-formatted"}, ps);
        } catch (Exception e) {
            throw new IllegalStateException("formatting the Kafka storage of " + file.getParent() + " failed: "
                    + e.getMessage() + "\n" + out.toString(StandardCharsets.UTF_8), e);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka storage of " + file.getParent() + " failed (exit "
                    + code + "): " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static void write(Path file, Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "single-node Kafka of ./bridge kafka-dev (concord.* keys are the bridge's own)");
        }
    }
}
