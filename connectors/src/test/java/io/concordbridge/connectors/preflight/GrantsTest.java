package io.concordbridge.connectors.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines as MariaDB 10.11 prints them in SHOW GRANTS. */
class GrantsTest {

    @Test
    void allPrivilegesOnEverythingCoversEveryCheck() {
        Grants g = grants("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION",
                "GRANT PROXY ON ``@`%` TO `root`@`localhost` WITH GRANT OPTION");

        assertThat(g.hasGlobal("REPLICATION SLAVE")).isTrue();
        assertThat(g.hasGlobal("BINLOG MONITOR")).isTrue();
        assertThat(g.hasOnTable("DELETE", "shop", "items")).isTrue();
        assertThat(g.hasOnSchema("CREATE", "concord")).isTrue();
    }

    @Test
    void globalPrivilegeListWithPasswordHash() {
        Grants g = grants("GRANT SELECT, INSERT, UPDATE, DELETE, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO "
                + "`bridge`@`%` IDENTIFIED BY PASSWORD '*7B9EBEED26AA52ED10C0F549FA863F13C39E0209'");

        assertThat(g.hasGlobal("REPLICATION SLAVE")).isTrue();
        assertThat(g.hasGlobal("BINLOG MONITOR")).isTrue();
        assertThat(g.missingOnTable(PrivilegeCheck.TABLE_PRIVILEGES, "shop", "items")).isEmpty();
        assertThat(g.missingOnSchema(PrivilegeCheck.META_PRIVILEGES, "concord")).containsExactly("CREATE");
    }

    @Test
    void oldNamesAreAliases() {
        Grants g = grants("GRANT REPLICATION CLIENT, REPLICATION REPLICA ON *.* TO 'u'@'%'");

        assertThat(g.hasGlobal("BINLOG MONITOR")).isTrue();
        assertThat(g.hasGlobal("REPLICATION SLAVE")).isTrue();
    }

    @Test
    void superAndReplicationSlaveAdminDoNotReadTheBinlog() {
        Grants g = grants("GRANT SUPER, REPLICATION SLAVE ADMIN ON *.* TO `u`@`%`");

        assertThat(g.hasGlobal("BINLOG MONITOR")).isFalse();
        assertThat(g.hasGlobal("REPLICATION SLAVE")).isFalse();
    }

    @Test
    void databaseGrantsMatchLikePatterns() {
        Grants g = grants("GRANT ALL PRIVILEGES ON `shop\\_%`.* TO `u`@`%`", "GRANT SELECT ON `we``ird`.* TO `u`@`%`");

        assertThat(g.hasOnTable("INSERT", "shop_eu", "items")).isTrue();
        assertThat(g.hasOnTable("INSERT", "shopXeu", "items")).as("\\_ is a literal _").isFalse();
        assertThat(g.hasOnSchema("CREATE", "shop_")).isTrue();
        assertThat(g.hasOnTable("SELECT", "we`ird", "t")).isTrue();
        assertThat(g.hasGlobal("SELECT")).isFalse();
    }

    @Test
    void tableGrantsCountForTheirTableOnly() {
        Grants g = grants("GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.`items` TO `u`@`%`");

        assertThat(g.missingOnTable(PrivilegeCheck.TABLE_PRIVILEGES, "shop", "items")).isEmpty();
        assertThat(g.missingOnTable(PrivilegeCheck.TABLE_PRIVILEGES, "shop", "orders"))
                .containsExactly("SELECT", "INSERT", "UPDATE", "DELETE");
        assertThat(g.hasOnSchema("SELECT", "shop")).isFalse();
    }

    @Test
    void columnGrantsDoNotCountForWholeRows() {
        Grants g = grants("GRANT SELECT (`id`, `name`), INSERT, UPDATE (`name`) ON `shop`.`items` TO `u`@`%`");

        assertThat(g.missingOnTable(PrivilegeCheck.TABLE_PRIVILEGES, "shop", "items"))
                .containsExactly("SELECT", "UPDATE", "DELETE");
    }

    @Test
    void roleProxyAndRoutineGrantsGiveNothing() {
        Grants g = grants("GRANT `binrole` TO `u`@`%`", "GRANT USAGE ON *.* TO `u`@`%`",
                "GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `u`@`%`", "GRANT PROXY ON ``@`%` TO `u`@`%`",
                "SET DEFAULT ROLE `binrole` FOR `u`@`%`");

        assertThat(g.all()).extracting(Grants.Grant::privileges).containsExactly(java.util.Set.of("USAGE"));
    }

    @Test
    void theGrantsOfAnActiveRoleCount() {
        Grants g = grants("GRANT `binrole` TO `u`@`%`", "GRANT USAGE ON *.* TO `u`@`%`",
                "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `binrole`");

        assertThat(g.hasGlobal("REPLICATION SLAVE")).isTrue();
        assertThat(g.hasGlobal("BINLOG MONITOR")).isTrue();
    }

    @Test
    void namesCompareWithoutCaseWhenTheServerDoes() {
        List<String> lines = List.of("GRANT ALL PRIVILEGES ON `Shop`.* TO `u`@`%`");

        assertThat(Grants.parse(lines, false).hasOnTable("SELECT", "shop", "items")).isFalse();
        assertThat(Grants.parse(lines, true).hasOnTable("SELECT", "shop", "items")).isTrue();
    }

    private static Grants grants(String... lines) {
        return Grants.parse(List.of(lines), false);
    }
}
