package io.concordbridge.connectors.preflight;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The judging of facts read from a leader, without a server; the IT proves the reading. */
class ChecksTest {

    private static final TableId ITEMS = TableId.parse("shop.items");
    private static final Map<String, String> GOOD = Map.of("log_bin", "ON", "binlog_format", "ROW",
            "binlog_row_image", "FULL", "server_id", "1", "sync_binlog", "1", "innodb_flush_log_at_trx_commit", "1");

    @Test
    void goodSettingsHaveNoFindings() {
        assertThat(ServerVariablesCheck.check(facts("dc1", GOOD))).isEmpty();
    }

    @Test
    void eachSettingNamesItselfAndItsFix() {
        Map<String, String> bad = new HashMap<>(GOOD);
        bad.putAll(Map.of("log_bin", "OFF", "binlog_format", "STATEMENT", "binlog_row_image", "MINIMAL",
                "server_id", "0", "sync_binlog", "0", "innodb_flush_log_at_trx_commit", "2"));

        assertThat(ServerVariablesCheck.check(facts("dc2", bad))).extracting(Finding::toString).containsExactly(
                "ERROR dc2: log_bin=OFF: the bridge reads the binary log; set log_bin (log-bin=mariadb-bin) in the "
                        + "server config and restart",
                "ERROR dc2: binlog_format=STATEMENT: the bridge needs ROW; set binlog_format=ROW in the server "
                        + "config and restart",
                "ERROR dc2: binlog_row_image=MINIMAL: the bridge needs FULL before and after images to detect "
                        + "conflicts; set binlog_row_image=FULL in the server config and restart",
                "ERROR dc2: server_id=0: the bridge tells leaders apart by server id; set a unique non-zero "
                        + "server_id in the server config and restart",
                "WARNING dc2: sync_binlog=0: an operating-system crash can then drop committed transactions from "
                        + "the binlog before the bridge sees them; set sync_binlog=1 in the server config",
                "WARNING dc2: innodb_flush_log_at_trx_commit=2: an operating-system crash can then drop committed "
                        + "transactions from the binlog before the bridge sees them; set "
                        + "innodb_flush_log_at_trx_commit=1 in the server config");
    }

    @Test
    void aSharedServerIdNamesBothLeaders() {
        Map<String, String> same = new HashMap<>(GOOD);
        List<Finding> f = ServerIdCheck.check(List.of(facts("dc1", same), facts("dc2", Map.of("server_id", "2")),
                facts("dc3", same)));

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.leader()).isEqualTo("dc3");
            assertThat(x.key()).isEqualTo("server_id");
            assertThat(x.message()).startsWith("dc3: server_id=1 is also the server_id of dc1: ");
        });
    }

    @Test
    void missingPrivilegesAreNamedWithTheGrantThatFixesThem() {
        LeaderFacts f = new LeaderFacts(leader("dc1"), GOOD, "'reader'@'%'",
                List.of("GRANT USAGE ON *.* TO `reader`@`%`", "GRANT SELECT ON `shop`.* TO `reader`@`%`"), Map.of());

        assertThat(PrivilegeCheck.check(f, List.of(ITEMS), "concord")).extracting(Finding::message).containsExactly(
                "dc1: user bridge lacks REPLICATION SLAVE: the bridge reads the binary log with it (binlog dump); "
                        + "GRANT REPLICATION SLAVE ON *.* TO 'reader'@'%'",
                "dc1: user bridge lacks BINLOG MONITOR (REPLICATION CLIENT): the bridge needs it for SHOW MASTER "
                        + "STATUS, SHOW BINARY LOGS and SHOW BINLOG EVENTS; GRANT BINLOG MONITOR ON *.* TO 'reader'@'%'",
                "dc1: user bridge lacks BINLOG ADMIN: the versions of this leader's own writes then go to its binlog "
                        + "too (sql_log_bin cannot be turned off for them), which costs the leader a binlog write and "
                        + "its capture the reading of one version per local row; and the text of every apply statement "
                        + "goes there beside its rows (binlog_annotate_row_events cannot be turned off for them); GRANT "
                        + "BINLOG ADMIN ON *.* TO 'reader'@'%'",
                "dc1: user bridge lacks INSERT, UPDATE, DELETE on shop.items: the bridge reads and writes replicated "
                        + "rows with them; GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.`items` TO 'reader'@'%'",
                "dc1: user bridge lacks CREATE, SELECT, INSERT, UPDATE, DELETE on the meta schema concord: the "
                        + "bridge creates it and keeps its checkpoints and conflicts there; GRANT ALL PRIVILEGES ON "
                        + "`concord`.* TO 'reader'@'%'");
    }

    @Test
    void tablesMustExistHaveAPrimaryKeyAndATransactionalEngine() {
        TableId noKey = TableId.parse("shop.notes");
        TableId myisam = TableId.parse("shop.log");
        TableId view = TableId.parse("shop.v");
        LeaderFacts f = new LeaderFacts(leader("dc1"), GOOD, "'bridge'@'%'", List.of(), Map.of(
                noKey, new LeaderFacts.TableFacts("BASE TABLE", "InnoDB", false),
                myisam, new LeaderFacts.TableFacts("BASE TABLE", "MyISAM", true),
                view, new LeaderFacts.TableFacts("VIEW", null, false)));

        assertThat(TableCheck.check(f, List.of(ITEMS, noKey, myisam, view))).extracting(Finding::message).containsExactly(
                "dc1: table shop.items does not exist (or user bridge may not see it): every leader needs every "
                        + "replicated table; create it on dc1 as on the other leaders",
                "dc1: table shop.notes has no PRIMARY KEY: the bridge identifies rows by their primary key; add one "
                        + "(ALTER TABLE `shop`.`notes` ADD PRIMARY KEY (...))",
                "dc1: table shop.log uses engine MyISAM: the bridge commits each change with its checkpoint, which "
                        + "needs a transactional engine; ALTER TABLE `shop`.`log` ENGINE=InnoDB",
                "dc1: table shop.v is a VIEW, not a base table: the bridge replicates tables; replicate the tables "
                        + "under it");
    }

    private static LeaderFacts facts(String name, Map<String, String> variables) {
        return new LeaderFacts(leader(name), variables, "'bridge'@'%'", List.of(), Map.of());
    }

    private static LeaderConfig leader(String name) {
        return new LeaderConfig(name, "127.0.0.1", 3306, "bridge", new Secret("pw"));
    }
}
