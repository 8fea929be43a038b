package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A leader that is not set up for capture, or a wrong password, stops the capture with a message saying what to fix. */
class MariaDbCaptureFailureIT {

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void startServer() throws Exception {
        db = LocalMariaDb.start(tmp, "stmt", 14, List.of("--binlog-format=STATEMENT"));
        sql(db, "CREATE DATABASE concord", "CREATE DATABASE t7", "CREATE TABLE t7.item (id INT PRIMARY KEY)",
                "CREATE USER 'capture'@'%' IDENTIFIED BY 'right'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'capture'@'%'");
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void statementBinlogFormatFailsNamingLeaderAndSetting() {
        Throwable failure = failureOf(new LeaderConfig("stmt-leader", "127.0.0.1", db.port(), "capture", new Secret("right")));
        assertThat(failure).hasMessageContaining("stmt-leader").hasMessageContaining("binlog_format=ROW");
    }

    @Test
    void wrongPasswordFailsNamingLeaderAndCredentials() {
        Throwable failure = failureOf(new LeaderConfig("pw-leader", "127.0.0.1", db.port(), "capture", new Secret("wrong")));
        assertThat(failure).hasMessageContaining("pw-leader").hasMessageContaining("leaders.pw-leader.user")
                .hasMessageContaining("password");
    }

    private static Throwable failureOf(LeaderConfig leader) {
        RecordingEvents events = new RecordingEvents();
        MariaDbCapture capture = new MariaDbCapture(leader, List.of(new TableId("t7", "item")), CaptureFixture.META,
                tmp.resolve(leader.name()), CaptureConfig.defaults(), MariaDbCapture.serverIdFor(leader.name()));
        long start = System.nanoTime();
        capture.start(new RecordingSink(), events);
        await().atMost(Duration.ofSeconds(90)).until(() -> !events.failures.isEmpty());
        System.out.printf("CAPTURE failure of %s reported after %d ms: %s%n", leader.name(),
                (System.nanoTime() - start) / 1_000_000, events.failures.get(0).getMessage());
        capture.close();
        assertThat(events.streaming).isEmpty();
        assertThat(events.failures).hasSize(1);
        return events.failures.get(0);
    }
}
