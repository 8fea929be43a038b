package io.concordbridge.connectors.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMariaDbIT {

    @TempDir
    Path tmp;

    @Test
    void startsWithRowBinlogAndItsOwnServerIdAndRestarts() throws Exception {
        try (LocalMariaDb db = LocalMariaDb.start(tmp, "dc9", 9)) {
            assertThat(variable(db, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(db, "binlog_row_image")).isEqualTo("FULL");
            assertThat(variable(db, "server_id")).isEqualTo("9");
            assertThat(variable(db, "log_bin")).isEqualTo("ON");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE keep");
            }
            db.restart();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'keep'")) {
                assertThat(rs.next()).as("data survives a restart").isTrue();
            }
        }
    }

    @Test
    void extraArgumentsWinOverDefaults() throws Exception {
        try (LocalMariaDb db = LocalMariaDb.start(tmp, "stmt", 10, List.of("--binlog-format=STATEMENT"))) {
            assertThat(variable(db, "binlog_format")).isEqualTo("STATEMENT");
        }
    }

    private static String variable(LocalMariaDb db, String name) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(2);
        }
    }
}
