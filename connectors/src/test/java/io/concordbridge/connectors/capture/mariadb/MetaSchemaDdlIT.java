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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture creates the meta schema before it starts and the apply creates what is missing when
 * it connects, while the capture of that leader parses every DDL statement of the binlog with
 * Debezium's parser. A column name that parser cannot read (once: {@code stored}) stopped the
 * capture; this keeps every meta table's DDL readable: the schema is dropped and created again
 * while the capture streams. A resolution row written afterwards is captured (its table's
 * definition is known).
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
                assertThat(new MetaSchema(CaptureFixture.META).complete(c)).as("created by the capture").isTrue();
                sql(db, "DROP DATABASE " + CaptureFixture.META);
                new MetaSchema(CaptureFixture.META).create(c);
                new MetaSchema(CaptureFixture.META).create(c);
            }
            sql(db, "INSERT INTO ddl.items VALUES (1, 1)");
            sql(db, "INSERT INTO " + CaptureFixture.META + ".resolution (resolution_id, conflict_id, tbl, row_key,"
                    + " how, resolved_by, note, above_micros, supersedes, leader, resolved_at) VALUES ('r1', 'c1',"
                    + " 'ddl.items', 'id=1', 'row', 'test', '', 5, '5@ddl', 'ddl', NOW(6))");
            CaptureFixture.awaitTransactions(sink, 2);
            assertThat(events.failures).as("capture failures").isEmpty();
        } finally {
            capture.close();
        }
    }

    @Test
    void aRowVersionTableOfAnEarlierReleaseGetsItsTimeDefault() throws Exception {
        String meta = "ddl_earlier";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            new MetaSchema(meta).create(c);
            s.execute("ALTER TABLE " + meta + ".row_version ALTER COLUMN updated_at DROP DEFAULT");
            assertThat(new MetaSchema(meta).complete(c)).as("complete without the default").isFalse();

            new MetaSchema(meta).create(c);

            assertThat(new MetaSchema(meta).complete(c)).isTrue();
            s.execute("INSERT INTO " + meta + ".row_version (tbl, pk, stamp_micros, stamp_leader) VALUES ('ddl.items', 'k', 1, 'ddl')");
            try (ResultSet rs = s.executeQuery("SELECT TIMESTAMPDIFF(SECOND, updated_at, NOW(6)) FROM " + meta
                    + ".row_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(Math.abs(rs.getLong(1))).as("updated_at set by the leader").isLessThan(60);
            }
        }
    }
}
