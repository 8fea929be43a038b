package io.concordbridge.connectors.preflight;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The preflight against real MariaDB servers: a correct pair (dc1, dc2) shared by the tests, each
 * test in its own database and with its own users; a server with wrong startup options is started
 * by the test that needs it and stopped at its end.
 */
class MariaDbPreflightIT {

    @TempDir
    static Path tmp;
    static LocalMariaDb dc1;
    static LocalMariaDb dc2;

    @BeforeAll
    static void startPair() {
        dc1 = LocalMariaDb.start(tmp, "dc1", 1);
        dc2 = LocalMariaDb.start(tmp, "dc2", 2);
    }

    @AfterAll
    static void stopPair() {
        if (dc1 != null) {
            dc1.close();
        }
        if (dc2 != null) {
            dc2.close();
        }
    }

    @Test
    void aCorrectPairOfLeadersHasNoFindings() throws Exception {
        createTable("pf_ok", "items", true, dc1, dc2);

        assertThat(preflight(config("pf_ok.items", Map.of(), leader("dc1", dc1), leader("dc2", dc2)))).isEmpty();
    }

    @Test
    void statementBinlogFormatIsAnErrorNamingTheLeaderAndTheSetting() throws Exception {
        try (LocalMariaDb stmt = LocalMariaDb.start(tmp, "stmt", 3, List.of("--binlog-format=STATEMENT"))) {
            createTable("pf_stmt", "items", true, dc1, stmt);

            List<Finding> findings = preflight(config("pf_stmt.items", Map.of(), leader("dc1", dc1),
                    leader("dc3", stmt)));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                assertThat(f.leader()).isEqualTo("dc3");
                assertThat(f.key()).isEqualTo("binlog_format");
                assertThat(f.message()).isEqualTo("dc3: binlog_format=STATEMENT: the bridge needs ROW; "
                        + "set binlog_format=ROW in the server config and restart");
            });
        }
    }

    @Test
    void syncBinlogZeroIsOnlyAWarning() throws Exception {
        try (LocalMariaDb lax = LocalMariaDb.start(tmp, "lax", 4, List.of("--sync-binlog=0"))) {
            createTable("pf_lax", "items", true, dc1, lax);

            List<Finding> findings = preflight(config("pf_lax.items", Map.of(), leader("dc1", dc1),
                    leader("dc3", lax)));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.leader()).isEqualTo("dc3");
                assertThat(f.key()).isEqualTo("sync_binlog");
                assertThat(f.message()).startsWith("dc3: sync_binlog=0: an operating-system crash can then drop "
                        + "committed transactions from the binlog before the bridge sees them");
            });
        }
    }

    /** server_id is dynamic on MariaDB, so this test borrows dc2 instead of starting a third server. */
    @Test
    void twoLeadersWithOneServerIdAreAnErrorNamingBoth() throws Exception {
        createTable("pf_sameid", "items", true, dc1, dc2);
        sql(dc2, "SET GLOBAL server_id = 1");
        try {
            List<Finding> findings = preflight(config("pf_sameid.items", Map.of(), leader("dc1", dc1),
                    leader("dc2", dc2)));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.isError()).isTrue();
                assertThat(f.key()).isEqualTo("server_id");
                assertThat(f.message()).startsWith("dc2: server_id=1 is also the server_id of dc1: ");
            });
        } finally {
            sql(dc2, "SET GLOBAL server_id = 2");
        }
    }

    @Test
    void aTableMissingOnOneLeaderIsAnErrorOfThatLeader() throws Exception {
        createTable("pf_missing", "items", true, dc1, dc2);
        createTable("pf_missing", "orders", true, dc1);

        List<Finding> findings = preflight(config("[ pf_missing.items, pf_missing.orders ]", Map.of(),
                leader("dc1", dc1), leader("dc2", dc2)));

        assertThat(findings).extracting(Finding::message).containsExactly("dc2: table pf_missing.orders does not "
                + "exist (or user root may not see it): every leader needs every replicated table; create it on dc2 "
                + "as on the other leaders");
    }

    @Test
    void aTableWithoutPrimaryKeyIsAnErrorOnEveryLeader() throws Exception {
        createTable("pf_nopk", "notes", false, dc1, dc2);

        List<Finding> findings = preflight(config("pf_nopk.notes", Map.of(), leader("dc1", dc1), leader("dc2", dc2)));

        assertThat(findings).extracting(Finding::leader, Finding::key).containsExactly(
                tuple("dc1", "tables"), tuple("dc2", "tables"));
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).contains("table pf_nopk.notes has no PRIMARY KEY"));
    }

    @Test
    void anUnreachableLeaderIsAnErrorWhileTheOthersAreStillChecked() throws Exception {
        int closed = closedPort();
        createTable("pf_down", "items", true, dc1);

        long start = System.nanoTime();
        List<Finding> findings = preflight(config("pf_down.items", Map.of(), leader("dc1", dc1), leader("dc2", dc2),
                "dc3: { host: 127.0.0.1, port: " + closed + ", user: root }"));

        assertThat(findings).extracting(Finding::leader).containsExactly("dc2", "dc3");
        assertThat(findings.get(0).message()).startsWith("dc2: table pf_down.items does not exist");
        assertThat(findings.get(1).key()).isEqualTo("connection");
        assertThat(findings.get(1).message()).startsWith("dc3: cannot connect to 127.0.0.1:" + closed + ": ")
                .contains("Connection refused").endsWith("check that the server runs and that leaders.dc3.host "
                        + "and leaders.dc3.port point at it");
        assertThat(System.nanoTime() - start).as("well within the connect timeout").isLessThan(30_000_000_000L);
    }

    @Test
    void aUserWithoutReplicationPrivilegesIsToldWhichAreMissing() throws Exception {
        String password = "Rd-pass-7731";
        createTable("pf_priv", "items", true, dc1, dc2);
        for (LocalMariaDb db : List.of(dc1, dc2)) {
            sql(db, "CREATE USER 'reader'@'%' IDENTIFIED BY '" + password + "'",
                    "GRANT SELECT ON pf_priv.* TO 'reader'@'%'");
        }

        List<Finding> findings = preflight(config("pf_priv.items", Map.of("READER_PW", password),
                leader("dc1", dc1, "reader", "\"${READER_PW}\""), leader("dc2", dc2, "reader", "\"${READER_PW}\"")));

        assertThat(findings).allSatisfy(f -> {
            assertThat(f.isError()).isEqualTo(!f.message().contains("BINLOG ADMIN"));
            assertThat(f.key()).isEqualTo("privileges");
            assertThat(f.message()).doesNotContain(password);
        });
        assertThat(findings).filteredOn(f -> f.leader().equals("dc1")).extracting(Finding::message).containsExactly(
                "dc1: user reader lacks REPLICATION SLAVE: the bridge reads the binary log with it (binlog dump); "
                        + "GRANT REPLICATION SLAVE ON *.* TO 'reader'@'%'",
                "dc1: user reader lacks BINLOG MONITOR (REPLICATION CLIENT): the bridge needs it for SHOW MASTER "
                        + "STATUS, SHOW BINARY LOGS and SHOW BINLOG EVENTS; GRANT BINLOG MONITOR ON *.* TO 'reader'@'%'",
                "dc1: user reader lacks BINLOG ADMIN: the versions of this leader's own writes then go to its binlog "
                        + "too (sql_log_bin cannot be turned off for them), which costs the leader a binlog write and "
                        + "its capture the reading of one version per local row; and the text of every apply statement "
                        + "goes there beside its rows (binlog_annotate_row_events cannot be turned off for them); GRANT "
                        + "BINLOG ADMIN ON *.* TO 'reader'@'%'",
                "dc1: user reader lacks INSERT, UPDATE, DELETE on pf_priv.items: the bridge reads and writes "
                        + "replicated rows with them; GRANT SELECT, INSERT, UPDATE, DELETE ON `pf_priv`.`items` TO "
                        + "'reader'@'%'",
                "dc1: user reader lacks CREATE, SELECT, INSERT, UPDATE, DELETE on the meta schema concord: the bridge "
                        + "creates it and keeps its checkpoints and conflicts there; GRANT ALL PRIVILEGES ON "
                        + "`concord`.* TO 'reader'@'%'");
        assertThat(findings).filteredOn(f -> f.leader().equals("dc2")).hasSize(5);
    }

    @Test
    void theGrantsTheMessagesRecommendAreEnoughToReadTheBinlog() throws Exception {
        String password = "Br-pass-5512";
        createTable("pf_grants", "items", true, dc1, dc2);
        for (LocalMariaDb db : List.of(dc1, dc2)) {
            sql(db, "CREATE USER 'bridge'@'%' IDENTIFIED BY '" + password + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO 'bridge'@'%'",
                    "GRANT BINLOG MONITOR ON *.* TO 'bridge'@'%'",
                    "GRANT BINLOG ADMIN ON *.* TO 'bridge'@'%'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON `pf_grants`.`items` TO 'bridge'@'%'",
                    "GRANT ALL PRIVILEGES ON `concord`.* TO 'bridge'@'%'");
        }

        List<Finding> findings = preflight(config("pf_grants.items", Map.of(),
                leader("dc1", dc1, "bridge", password), leader("dc2", dc2, "bridge", password)));

        assertThat(findings).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dc1.port() + "/", "bridge",
                password); Statement s = c.createStatement()) {
            s.executeQuery("SHOW MASTER STATUS").close();
            s.executeQuery("SHOW BINARY LOGS").close();
            s.executeQuery("SHOW BINLOG EVENTS LIMIT 1").close();
            s.execute("SET SESSION sql_log_bin = 0");
            s.execute("CREATE DATABASE IF NOT EXISTS concord");
            s.execute("CREATE TABLE concord.pf_grants_probe (id INT PRIMARY KEY)");
            s.execute("INSERT INTO pf_grants.items (id) VALUES (1)");
        }
    }

    /** information_schema.TABLE_CONSTRAINTS is empty for such a user; the first version read it. */
    @Test
    void aPrimaryKeyIsSeenByAUserWithTableGrantsOnly() throws Exception {
        createTable("pf_tblgrant", "items", true, dc1, dc2);
        for (LocalMariaDb db : List.of(dc1, dc2)) {
            sql(db, "CREATE USER 'tabler'@'%' IDENTIFIED BY 'Tb-pass-1'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON `pf_tblgrant`.`items` TO 'tabler'@'%'");
        }

        List<Finding> findings = preflight(config("pf_tblgrant.items", Map.of(),
                leader("dc1", dc1, "tabler", "Tb-pass-1"), leader("dc2", dc2, "tabler", "Tb-pass-1")));

        assertThat(findings).isNotEmpty().extracting(Finding::key).containsOnly("privileges");
    }

    @Test
    void aWrongPasswordIsAnErrorNamingTheUser() throws Exception {
        createTable("pf_login", "items", true, dc1, dc2);
        for (LocalMariaDb db : List.of(dc1, dc2)) {
            sql(db, "CREATE USER 'loginer'@'%' IDENTIFIED BY 'Right-pass-1'");
        }

        List<Finding> findings = preflight(config("pf_login.items", Map.of(), leader("dc1", dc1),
                leader("dc2", dc2, "loginer", "Wrong-pass-1")));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("login");
            assertThat(f.message()).startsWith("dc2: user loginer cannot log in to 127.0.0.1:" + dc2.port()
                            + ": Access denied for user 'loginer'")
                    .doesNotContain("Wrong-pass-1").doesNotContain("Right-pass-1");
        });
    }

    private static List<Finding> preflight(BridgeConfig config) {
        List<Finding> findings = new MariaDbPreflight(config).run();
        findings.forEach(f -> System.out.println("  finding: " + f));
        return findings;
    }

    private static BridgeConfig config(String tables, Map<String, String> env, String... leaders) {
        StringBuilder yaml = new StringBuilder("cluster: it\nleaders:\n");
        for (String l : leaders) {
            yaml.append("  ").append(l).append('\n');
        }
        yaml.append("tables: ").append(tables.startsWith("[") ? tables : "[ " + tables + " ]").append('\n');
        return ConfigLoader.parse("preflight-it.yaml", yaml.toString(), env);
    }

    private static String leader(String name, LocalMariaDb db) {
        return leader(name, db, "root", "\"\"");
    }

    private static String leader(String name, LocalMariaDb db, String user, String password) {
        return name + ": { host: 127.0.0.1, port: " + db.port() + ", user: " + user + ", password: " + password + " }";
    }

    private static void createTable(String schema, String table, boolean primaryKey, LocalMariaDb... dbs)
            throws Exception {
        for (LocalMariaDb db : dbs) {
            sql(db, "CREATE DATABASE IF NOT EXISTS " + schema,
                    "CREATE TABLE " + schema + "." + table + " (id INT NOT NULL" + (primaryKey ? " PRIMARY KEY" : "")
                            + ", body VARCHAR(100)) ENGINE=InnoDB");
        }
    }

    private static void sql(LocalMariaDb db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
