package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.TableId;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Shared steps of the capture integration tests: a leader on a local server, SQL, starting a capture. */
final class CaptureFixture {

    static final String META = "concord";

    private CaptureFixture() {
    }

    static LeaderConfig leader(LocalMariaDb db, String name) {
        return new LeaderConfig(name, "127.0.0.1", db.port(), "root", new Secret(""));
    }

    static MariaDbCapture capture(LocalMariaDb db, String name, Path stateRoot, List<TableId> tables) {
        return capture(db, name, stateRoot, tables, CaptureConfig.defaults());
    }

    static MariaDbCapture capture(LocalMariaDb db, String name, Path stateRoot, List<TableId> tables, CaptureConfig config) {
        return new MariaDbCapture(leader(db, name), tables, META, stateRoot.resolve(name), config,
                MariaDbCapture.serverIdFor(name));
    }

    /** Starts a capture and waits until it reports that it streams. */
    static MariaDbCapture started(MariaDbCapture capture, RecordingSink sink, RecordingEvents events) {
        capture.start(sink, events);
        await().atMost(Duration.ofSeconds(60)).until(() -> !events.streaming.isEmpty() || !events.failures.isEmpty());
        if (!events.failures.isEmpty()) {
            throw new AssertionError("capture failed", events.failures.get(0));
        }
        return capture;
    }

    /** Runs each statement in its own (autocommitted) transaction. */
    /** Creates {@code database} with a table {@code item (id INT PRIMARY KEY, v VARCHAR(20))}, and names it. */
    static TableId itemTable(LocalMariaDb db, String database) throws SQLException {
        sql(db, "CREATE DATABASE " + database, "CREATE TABLE " + database + ".item (id INT PRIMARY KEY, v VARCHAR(20))");
        return new TableId(database, "item");
    }

    static void sql(LocalMariaDb db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs the statements as one transaction. */
    static void tx(LocalMariaDb db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }

    static void awaitTransactions(RecordingSink sink, int count) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> sink.transactionCount() >= count);
    }
}
