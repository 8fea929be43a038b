package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.apply.mariadb.MetaSchema;
import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apply (re)creates the meta schema with {@code CREATE … IF NOT EXISTS} every time it connects,
 * while the capture of that leader is running and parses every DDL statement of the binlog with
 * Debezium's parser. A column name that parser cannot read (once: {@code stored}) stopped the
 * capture; this keeps every meta table's DDL readable.
 */
class MetaSchemaDdlIT {

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void startServer() throws Exception {
        db = LocalMariaDb.start(tmp, "ddl", 21);
        sql(db, "CREATE DATABASE ddl", "CREATE TABLE ddl.items (id INT PRIMARY KEY, v INT)");
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theCaptureKeepsStreamingWhileTheMetaSchemaIsCreated() throws Exception {
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        MariaDbCapture capture = CaptureFixture.started(
                CaptureFixture.capture(db, "ddl", tmp, List.of(new TableId("ddl", "items"))), sink, events);
        try {
            try (Connection c = db.connect()) {
                new MetaSchema(CaptureFixture.META).create(c);
                new MetaSchema(CaptureFixture.META).create(c);
            }
            sql(db, "INSERT INTO ddl.items VALUES (1, 1)");
            CaptureFixture.awaitTransactions(sink, 1);
            assertThat(events.failures).as("capture failures").isEmpty();
        } finally {
            capture.close();
        }
    }
}
